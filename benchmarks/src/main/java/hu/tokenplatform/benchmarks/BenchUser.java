package hu.tokenplatform.benchmarks;

import hu.tokenplatform.tokenmanager.device.TokenSession;

import java.security.cert.X509Certificate;

/**
 * A corporate user handed over through the real staff APIs, as the load generator holds them: the token session
 * opened with the PIN (the login key signs in it, and it is the client key of every mutual-TLS handshake) and the
 * login certificate the registry issued.
 *
 * @param customerId the user's 8-digit customer id
 * @param csn        the token's serial number
 * @param session    the user's virtual token, opened with the PIN
 * @param login      the login certificate on the token (its subject is what Keycloak maps to the user)
 */
public record BenchUser(String customerId, String csn, TokenSession session, X509Certificate login) {
}
