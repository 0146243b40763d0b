package hu.tokenplatform.benchmarks.platform;

import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin;
import hu.tokenplatform.platformdriver.RunningPlatform;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The platform the benchmark logs in to, started by the benchmark ({@link #of(RunningPlatform)}) or already running
 * ({@link #running(Path, Map)}): its data directory (secrets, keystores, pid files), the registry and Keycloak the
 * staff APIs are called on, and where a token login goes.
 *
 * @param var       run-platform.sh's TOKEN_PLATFORM_VAR
 * @param registry  token-registry's base URI
 * @param keycloak  the staff Keycloak's base URI
 * @param login     where a token login goes (auth-service, the agent endpoint, Electra's redirect and secret)
 * @param postgres  the PostgreSQL server the platform's databases are on, as {@code host:port}
 */
public record MeasuredPlatform(Path var, URI registry, URI keycloak, HeadlessTokenLogin.Endpoints login, String postgres) {

    public static MeasuredPlatform of(RunningPlatform platform) {
        HeadlessTokenLogin.Endpoints login = endpoints(platform.var, platform.url("AUTH_HTTP_PORT"),
                platform.environment.get("AUTH_AGENT_PORT"), platform.url("DEMO_RP_PORT"), secrets(platform.var));
        return new MeasuredPlatform(platform.var, platform.url("REGISTRY_HTTP_PORT"), platform.url("KEYCLOAK_PORT"), login,
                platform.environment.get("PGHOST") + ":" + platform.environment.get("PGPORT"));
    }

    /**
     * A platform someone started with run-platform.sh, its data in {@code var}: the ports are run-platform.sh's
     * variables in {@code environment} where set, else its defaults.
     */
    public static MeasuredPlatform running(Path var, Map<String, String> environment) {
        String host = "http://127.0.0.1:";
        URI auth = URI.create(host + environment.getOrDefault("AUTH_HTTP_PORT", "8082"));
        HeadlessTokenLogin.Endpoints login = endpoints(var, auth, environment.getOrDefault("AUTH_AGENT_PORT", "8443"),
                URI.create(host + environment.getOrDefault("DEMO_RP_PORT", "8090")), secrets(var));
        return new MeasuredPlatform(var, URI.create(host + environment.getOrDefault("REGISTRY_HTTP_PORT", "8081")),
                URI.create(host + environment.getOrDefault("KEYCLOAK_PORT", "8180")), login,
                environment.getOrDefault("PGHOST", "127.0.0.1") + ":" + environment.getOrDefault("PGPORT", "5432"));
    }

    private static HeadlessTokenLogin.Endpoints endpoints(Path var, URI auth, String agentPort, URI relyingParty,
                                                          Map<String, String> secrets) {
        // run-platform.sh makes the first auth-service instance's loopback address the public origin.
        return new HeadlessTokenLogin.Endpoints(auth, auth.toString(), relyingParty + "/callback/" + HeadlessTokenLogin.CLIENT,
                URI.create("https://127.0.0.1:" + agentPort + LoginAssertion.PATH), var.resolve("tls/tls-ca.pem"),
                secrets.get("ELECTRA_CLIENT_SECRET"));
    }

    /** The secrets run-platform.sh generated for this installation (var/secrets.env). */
    public Map<String, String> secrets() {
        return secrets(var);
    }

    private static Map<String, String> secrets(Path var) {
        try {
            Map<String, String> secrets = new HashMap<>();
            for (String line : Files.readAllLines(var.resolve("secrets.env"))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    secrets.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry as staff member {@code user}, signed in to Keycloak with the password run-platform.sh generated. */
    public StaffApi registryAs(String user) {
        String password = secrets().get(user.toUpperCase(Locale.ROOT) + "_PASSWORD");
        return new StaffApi(registry, StaffApi.signIn(keycloak, RunningPlatform.REALM, user, password));
    }

    /** The bank's issuing CA chain (PEM) auth-service checks login certificates against. */
    public Path issuingCa() {
        return var.resolve("auth-service/issuing-ca.pem");
    }

    /** {@link #issuingCa()} read: the only issuers whose login certificates the platform, and Keycloak beside it, accept. */
    public List<X509Certificate> issuingChain() {
        try (InputStream in = Files.newInputStream(issuingCa())) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("no certificates in " + issuingCa(), e);
        }
    }

    @Override
    public String toString() {
        return "MeasuredPlatform[" + var + ", " + login + "]";
    }
}
