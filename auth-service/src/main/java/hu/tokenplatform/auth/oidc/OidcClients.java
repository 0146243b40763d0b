package hu.tokenplatform.auth.oidc;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.tokencrypto.login.PendingLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The relying parties registered in configuration ({@code auth.oidc.clients.<id>.*}), checked at start: exact
 * https redirect URIs (http only on loopback, for tests), for confidential clients the SHA-256 of their secret,
 * never the secret itself, and a plain-text display name in Hungarian and English.
 */
@ApplicationScoped
public class OidcClients {

    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9-]{2,32}");
    private static final Pattern SECRET_HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    /** A registered client. */
    public record Client(String id, ContractedService service, List<String> redirectUris, Optional<byte[]> secretSha256,
                         List<String> backendScopes, PendingLogin.ClientName displayName) {

        public boolean confidential() {
            return secretSha256.isPresent();
        }

        public boolean allowsRedirect(String redirectUri) {
            return redirectUri != null && redirectUris.contains(redirectUri);
        }

        /** Constant-time comparison of the secret's SHA-256 with the registered one. */
        public boolean secretMatches(String secret) {
            if (secretSha256.isEmpty() || secret == null) {
                return false;
            }
            return MessageDigest.isEqual(secretSha256.get(), sha256(secret));
        }
    }

    private final Map<String, Client> clients = new TreeMap<>();

    @Inject
    public OidcClients(AuthConfig config) {
        config.oidc().clients().forEach((id, registration) -> {
            if (!CLIENT_ID.matcher(id).matches()) {
                throw new IllegalStateException("OIDC client id '" + id + "' must match " + CLIENT_ID);
            }
            if (registration.redirectUris().isEmpty()) {
                throw new IllegalStateException("OIDC client " + id + " has no redirect URI");
            }
            registration.redirectUris().forEach(uri -> checkRedirectUri(id, uri));
            Optional<byte[]> secret = registration.secretHash().map(hash -> {
                if (!SECRET_HASH.matcher(hash).matches()) {
                    throw new IllegalStateException("auth.oidc.clients." + id + ".secret-hash must be sha256:<64 hex digits>");
                }
                return HexFormat.of().parseHex(hash.substring("sha256:".length()));
            });
            List<String> backendScopes = registration.backendScopes().orElse(List.of());
            if (!backendScopes.isEmpty() && secret.isEmpty()) {
                throw new IllegalStateException("OIDC client " + id + " gets backend scopes but has no secret");
            }
            PendingLogin.ClientName displayName = new PendingLogin.ClientName(registration.displayName().hu(),
                    registration.displayName().en());
            if (!PendingLogin.ClientName.displayable(displayName.hu()) || !PendingLogin.ClientName.displayable(displayName.en())) {
                throw new IllegalStateException("auth.oidc.clients." + id + ".display-name.hu and .en must be plain text of 1 to "
                        + PendingLogin.ClientName.MAX_LENGTH + " characters");
            }
            clients.put(id, new Client(id, registration.service(), List.copyOf(registration.redirectUris()), secret, backendScopes,
                    displayName));
        });
        if (clients.isEmpty()) {
            throw new IllegalStateException("no OIDC client is registered (auth.oidc.clients)");
        }
    }

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clientId).map(clients::get);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkRedirectUri(String id, String value) {
        try {
            URI uri = new URI(value);
            boolean loopback = "http".equals(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
            if (!("https".equals(uri.getScheme()) || loopback) || uri.getHost() == null || uri.getFragment() != null) {
                throw new IllegalStateException("redirect URI " + value + " of client " + id
                        + " must be an absolute https URI without fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("redirect URI " + value + " of client " + id + " is not a URI", e);
        }
    }
}
