package hu.tokenplatform.tokenmanager.config;

import java.net.URI;

/**
 * One bank login page Token Manager serves, and the one auth-service agent endpoint it relays that page's
 * logins to. The page cannot choose the relay: it follows from the page's origin.
 *
 * @param origin the login page's origin as browsers send it, e.g. {@code https://login.bank.hu}
 * @param relay  base URL of auth-service's mutual-TLS listener, always https
 */
public record BankServer(String origin, URI relay) {
}
