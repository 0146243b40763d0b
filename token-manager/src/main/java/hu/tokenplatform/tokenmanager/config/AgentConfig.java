package hu.tokenplatform.tokenmanager.config;

import hu.tokenplatform.tokencrypto.login.LoginAssertion;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The agent's configuration, one properties file (the machine's {@code /etc/token-manager/agent.properties},
 * written by {@code install}, or the user's {@code ~/.token-manager/agent.properties}):
 * <pre>
 * local-api.port=17380
 * bank.trust-store=/etc/token-manager/bank-tls-ca.pem
 * bank.1.origin=https://login.bank.hu
 * bank.1.relay=https://login.bank.hu:8443
 * helpdesk.phone=(06 40) 200 069
 * </pre>
 * The trust store holds the CA certificates of the bank's TLS servers in PEM; nothing else is trusted, not the
 * JVM's default store. Login page origins are https, except loopback pages for a local test installation. The
 * helpdesk's number is what the unlock window tells the user to call; optional, the bank's letter's number if unset.
 */
public record AgentConfig(int localApiPort, Path trustStoreFile, List<BankServer> banks, String helpdeskPhone) {

    public static final int DEFAULT_PORT = 17380;
    /** The corporate helpdesk's number in the bank's letter to its customers. */
    public static final String DEFAULT_HELPDESK_PHONE = "(06 40) 200 069";
    /** Digits, spaces, +, -, / and brackets: a number to dial, never text a window would interpret. */
    private static final Pattern PHONE = Pattern.compile("[0-9+()/ -]{3,32}");
    private static final int MAX_BANKS = 20;
    private static final Pattern ORIGIN = Pattern.compile("(https://[a-z0-9.-]{1,253}|http://(127\\.0\\.0\\.1|localhost))(:[0-9]{1,5})?");

    public AgentConfig {
        banks = List.copyOf(banks);
    }

    /** A configuration that leaves the helpdesk's number at the letter's. */
    public AgentConfig(int localApiPort, Path trustStoreFile, List<BankServer> banks) {
        this(localApiPort, trustStoreFile, banks, DEFAULT_HELPDESK_PHONE);
    }

    public static AgentConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidAgentConfigException("no agent configuration at " + file);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidAgentConfigException("the agent configuration " + file + " cannot be read", e);
        }
        return parse(properties, file.toAbsolutePath().getParent());
    }

    static AgentConfig parse(Properties properties, Path relativeTo) {
        int port = port(properties.getProperty("local-api.port", String.valueOf(DEFAULT_PORT)));
        String trust = required(properties, "bank.trust-store");
        List<BankServer> banks = new ArrayList<>();
        for (int i = 1; i <= MAX_BANKS && properties.containsKey("bank." + i + ".origin"); i++) {
            banks.add(new BankServer(origin(properties.getProperty("bank." + i + ".origin")),
                    relay(required(properties, "bank." + i + ".relay"))));
        }
        if (banks.isEmpty()) {
            throw new InvalidAgentConfigException("bank.1.origin is missing: no bank login page is configured");
        }
        return new AgentConfig(port, relativeTo.resolve(trust), banks,
                phone(properties.getProperty("helpdesk.phone", DEFAULT_HELPDESK_PHONE)));
    }

    /** The bank server for a login page, if that origin is on the allowlist. */
    public Optional<BankServer> bankFor(String origin) {
        return banks.stream().filter(bank -> bank.origin().equals(origin)).findFirst();
    }

    public URI assertionEndpoint(BankServer bank) {
        return bank.relay().resolve(LoginAssertion.PATH);
    }

    /** The bank TLS CA certificates as a trust store. */
    public KeyStore trustStore() {
        try (InputStream in = Files.newInputStream(trustStoreFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidAgentConfigException("no certificate in " + trustStoreFile);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("bank-tls-ca-" + index++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidAgentConfigException("the bank trust store " + trustStoreFile + " cannot be read", e);
        }
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new InvalidAgentConfigException(name + " is missing");
        }
        return value.strip();
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the property's name
        }
        throw new InvalidAgentConfigException("local-api.port must be a port number");
    }

    private static String phone(String value) {
        String phone = value.strip();
        if (!PHONE.matcher(phone).matches()) {
            throw new InvalidAgentConfigException("helpdesk.phone must be a telephone number, e.g. (06 40) 200 069");
        }
        return phone;
    }

    private static String origin(String value) {
        String origin = value.strip().toLowerCase(Locale.ROOT);
        if (!ORIGIN.matcher(origin).matches()) {
            throw new InvalidAgentConfigException("bank origin " + origin
                    + " must be https://host[:port] (http only for 127.0.0.1 or localhost)");
        }
        return origin;
    }

    private static URI relay(String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidAgentConfigException("bank relay " + value + " must be an https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidAgentConfigException("bank relay " + value + " is not a URL", e);
        }
    }
}
