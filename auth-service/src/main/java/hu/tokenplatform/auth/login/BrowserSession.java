package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.oidc.OidcClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The login page's browser session: a random cookie (HttpOnly, SameSite=Strict, Secure and {@code __Host-} in
 * production) that login transactions are bound to, so that only the browser that loaded the page can finish
 * its login. Only the cookie's SHA-256 is stored.
 */
@ApplicationScoped
public class BrowserSession {

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int SESSION_BYTES = 32;

    @Inject
    AuthConfig config;

    public String cookieName() {
        return config.login().secureCookie() ? "__Host-tp_login" : "tp_login";
    }

    /** The session cookie the browser sent, if well-formed. */
    public Optional<String> current(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(cookieName());
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(value -> VALUE.matcher(value).matches());
    }

    public String currentOrNew(HttpHeaders headers) {
        return current(headers).orElseGet(() -> LoginTransactions.randomBase64Url(SESSION_BYTES));
    }

    public static byte[] hash(String session) {
        return OidcClients.sha256(session);
    }

    /** A session cookie, not persisted by the browser beyond the session. */
    public NewCookie cookie(String session) {
        return new NewCookie.Builder(cookieName())
                .value(session)
                .path("/")
                .httpOnly(true)
                .secure(config.login().secureCookie())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
