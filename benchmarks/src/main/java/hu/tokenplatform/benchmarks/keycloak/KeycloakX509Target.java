package hu.tokenplatform.benchmarks.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.benchmarks.BenchUser;
import hu.tokenplatform.benchmarks.LoginOutcome;
import hu.tokenplatform.benchmarks.LoginTarget;
import hu.tokenplatform.tokenmanager.device.TokenTls;

import javax.net.ssl.HttpsURLConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's X.509 login, the comparison the benchmark measures this platform against: Keycloak (the version
 * deploy/local-keycloak.sh runs) in production mode on loopback HTTPS with a P-256 server key, asking every client
 * for a certificate ({@code https-client-auth=request}) and trusting the bank's issuing CA chain for it. A login is a
 * password grant of the realm's public client over a fresh mutual-TLS handshake with the user's token, which the
 * realm's direct-grant flow ("X509/Validate Username") turns into the user named by the certificate's UID, the
 * customer id the registry puts in every login certificate.
 *
 * <p>What Keycloak checks, set in {@code keycloak/x509-direct-grant.json}: the chain (in the TLS handshake, against the
 * trust store), validity dates, key usage digitalSignature and extended key usage clientAuth (the LOGIN profile the
 * platform's auth-service checks), and, with {@link Revocation#CRL_DISTRIBUTION_POINT}, revocation against the CRL at
 * the certificate's distribution point: the registry publishes one on loopback, and the platform checks revocation
 * too, so a fair run turns it on. Keycloak caches the CRL it fetched, as auth-service does. OCSP checking stays off,
 * as in the platform, which reads the CRL only. Keycloak does not re-validate the chain after the handshake
 * ({@code revalidate-certificate-enabled=false}): TLS already did, against the same CA.
 *
 * <p>A successful login also creates a Keycloak user session and returns an access token (ES256, like the
 * platform's) with an ID token ({@code scope=openid}): the two ES256 JWTs the platform's full login ends with too; and
 * a refresh token.
 */
public final class KeycloakX509Target implements LoginTarget, AutoCloseable {

    /** How Keycloak learns that a login certificate was revoked. */
    public enum Revocation {
        /** Not at all: for a CA that publishes no CRL reachable from here. */
        NONE,
        /** From the CRL at the certificate's CRL distribution point (the registry's {@code /ca/crl}). */
        CRL_DISTRIBUTION_POINT
    }

    /** A first start on a busy 2-core machine takes about a minute; a hung one is given up after this. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GRANT = ("grant_type=password&scope=openid&client_id=" + KeycloakAdmin.CLIENT_ID)
            .getBytes(StandardCharsets.US_ASCII);

    private final KeycloakProcess keycloak;
    private final KeycloakAdmin admin;
    private final KeyStore serverTrust;
    private final URI tokenEndpoint;

    private KeycloakX509Target(KeycloakProcess keycloak, KeycloakAdmin admin, KeyStore serverTrust, URI base) {
        this.keycloak = keycloak;
        this.admin = admin;
        this.serverTrust = serverTrust;
        this.tokenEndpoint = base.resolve("/realms/" + KeycloakAdmin.REALM + "/protocol/openid-connect/token");
    }

    /** {@link #start(Path, List, Revocation, Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
    public static KeycloakX509Target start(Path workDir, List<X509Certificate> issuingChain, Revocation revocation) {
        return start(workDir, issuingChain, revocation, DEFAULT_START_TIMEOUT);
    }

    /**
     * Installs Keycloak under {@code workDir/keycloak} (once), starts it from an empty database on free loopback
     * ports and creates the benchmark realm. Users come next, with {@link #createUsers(List)}.
     *
     * @param issuingChain the bank's issuing CA chain: the only issuers whose client certificates TLS accepts
     * @throws KeycloakStartException saying which step failed and quoting Keycloak's log; nothing is left running
     */
    public static KeycloakX509Target start(Path workDir, List<X509Certificate> issuingChain, Revocation revocation,
                                           Duration startTimeout) {
        if (issuingChain.isEmpty()) {
            throw new IllegalArgumentException("the issuing CA chain is empty");
        }
        Path dir = workDir.resolve("keycloak");
        Path home = KeycloakInstallation.install(dir);
        ServerIdentity identity = ServerIdentity.generate();
        String trustStorePassword = randomSecret();
        Path trustStore = dir.resolve("issuing-ca.p12");
        Path caPem = dir.resolve("issuing-ca.pem");
        writeTrust(issuingChain, trustStore, trustStorePassword, caPem);
        KeycloakAdmin.Credentials credentials = KeycloakAdmin.Credentials.random();
        KeycloakProcess keycloak = KeycloakProcess.start(home, dir, identity, trustStore, trustStorePassword, caPem,
                credentials, startTimeout);
        try {
            URI base = URI.create("https://127.0.0.1:" + keycloak.httpsPort());
            KeycloakAdmin admin = new KeycloakAdmin(base, identity.trustStore(), credentials);
            admin.createRealm(revocation == Revocation.CRL_DISTRIBUTION_POINT);
            return new KeycloakX509Target(keycloak, admin, identity.trustStore(), base);
        } catch (RuntimeException e) {
            try {
                keycloak.close();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /** Creates each user in the realm, named by its customer id, in a few bulk imports. */
    public void createUsers(List<BenchUser> users) {
        admin.createUsers(users);
    }

    @Override
    public String name() {
        return "keycloak";
    }

    /**
     * One password grant over a new TLS connection: a fresh {@code SSLContext} holds no session to resume, so every
     * login pays a full handshake with the token's login key, and {@code Connection: close} keeps the connection
     * from being reused.
     */
    @Override
    public LoginOutcome logIn(BenchUser user) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) tokenEndpoint.toURL().openConnection();
            connection.setSSLSocketFactory(TokenTls.clientContext(user.session(), serverTrust).getSocketFactory());
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("Connection", "close");
            try (OutputStream body = connection.getOutputStream()) {
                body.write(GRANT);
            }
            int status = connection.getResponseCode();
            JsonNode answer;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? JSON.nullNode() : JSON.readTree(in);
            } finally {
                connection.disconnect();
            }
            if (status == 200 && answer.hasNonNull("access_token") && answer.hasNonNull("id_token")) {
                return LoginOutcome.OK;
            }
            return new LoginOutcome("http-" + status + (answer.hasNonNull("error") ? ":" + answer.get("error").asText() : ""));
        } catch (IOException | RuntimeException e) {
            return new LoginOutcome(e.getClass().getSimpleName());
        }
    }

    /** Keycloak's JVM; its H2 database runs inside it. */
    @Override
    public Map<String, List<Long>> serverProcesses() {
        return Map.of("keycloak", List.of(keycloak.javaPid()));
    }

    /** Stops Keycloak and checks that it stopped. */
    @Override
    public void close() {
        keycloak.close();
    }

    private static void writeTrust(List<X509Certificate> chain, Path p12, String password, Path pem) {
        try {
            Files.createDirectories(p12.getParent());
            KeyStore store = ServerIdentity.trustStoreOf(chain.toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(p12)) {
                store.store(out, password.toCharArray());
            }
            StringBuilder text = new StringBuilder();
            for (X509Certificate certificate : chain) {
                text.append(ServerIdentity.pem("CERTIFICATE", certificate.getEncoded()));
            }
            Files.writeString(pem, text);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeycloakStartException("the trust store for Keycloak cannot be written: " + e.getMessage(), e);
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
