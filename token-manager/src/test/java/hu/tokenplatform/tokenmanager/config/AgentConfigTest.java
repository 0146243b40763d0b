package hu.tokenplatform.tokenmanager.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The agent trusts and relays only what the machine's configuration names, and refuses a configuration that is unsafe. */
class AgentConfigTest {

    private static Properties properties(String origin, String relay) {
        Properties properties = new Properties();
        properties.setProperty("bank.trust-store", "bank-ca.pem");
        properties.setProperty("bank.1.origin", origin);
        properties.setProperty("bank.1.relay", relay);
        return properties;
    }

    @Test
    void eachLoginPageRelaysToItsOwnBankServer() {
        Properties properties = properties("https://login.bank.hu", "https://agent.bank.hu:8443");
        properties.setProperty("bank.2.origin", "HTTPS://Posta.Bank.hu");
        properties.setProperty("bank.2.relay", "https://agent.bank.hu:9443");

        AgentConfig config = AgentConfig.parse(properties, Path.of("/etc/token-manager"));

        assertEquals(AgentConfig.DEFAULT_PORT, config.localApiPort());
        assertEquals(Path.of("/etc/token-manager/bank-ca.pem"), config.trustStoreFile());
        assertEquals(URI.create("https://agent.bank.hu:8443/agent/v1/login-assertions"),
                config.assertionEndpoint(config.bankFor("https://login.bank.hu").orElseThrow()));
        assertEquals(URI.create("https://agent.bank.hu:9443"), config.bankFor("https://posta.bank.hu").orElseThrow().relay());
        assertEquals(Optional.empty(), config.bankFor("https://login.bank.hu:444"));
        assertEquals(Optional.empty(), config.bankFor("https://evil.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.bank.hu", "https://login.bank.hu/path", "*", "null", "https://login.bank.hu:80:80", "file:///etc"})
    void unsafeOrMalformedLoginPageOriginsAreRefused(String origin) {
        assertThrows(InvalidAgentConfigException.class,
                () -> AgentConfig.parse(properties(origin, "https://agent.bank.hu"), Path.of(".")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://agent.bank.hu", "agent.bank.hu", "https://", "ftp://agent.bank.hu"})
    void relayMustBeHttps(String relay) {
        assertThrows(InvalidAgentConfigException.class,
                () -> AgentConfig.parse(properties("https://login.bank.hu", relay), Path.of(".")));
    }

    @Test
    void loopbackLoginPagesMayUsePlainHttpForALocalInstallation() {
        AgentConfig config = AgentConfig.parse(properties("http://127.0.0.1:8082", "https://127.0.0.1:8443"), Path.of("."));

        assertEquals("http://127.0.0.1:8082", config.banks().get(0).origin());
    }

    @Test
    void missingTrustStoreOrBankOrBadPortIsRefused() {
        Properties noTrust = properties("https://login.bank.hu", "https://agent.bank.hu");
        noTrust.remove("bank.trust-store");
        Properties noBank = properties("https://login.bank.hu", "https://agent.bank.hu");
        noBank.remove("bank.1.origin");
        Properties badPort = properties("https://login.bank.hu", "https://agent.bank.hu");
        badPort.setProperty("local-api.port", "70000");

        assertThrows(InvalidAgentConfigException.class, () -> AgentConfig.parse(noTrust, Path.of(".")));
        assertThrows(InvalidAgentConfigException.class, () -> AgentConfig.parse(noBank, Path.of(".")));
        assertThrows(InvalidAgentConfigException.class, () -> AgentConfig.parse(badPort, Path.of(".")));
        assertThrows(InvalidAgentConfigException.class, () -> AgentConfig.load(Path.of("does-not-exist.properties")));
    }

    @Test
    void theHelpdeskNumberIsTheLettersUnlessTheBankConfiguresAnother() {
        Properties letters = properties("https://login.bank.hu", "https://agent.bank.hu");
        Properties configured = properties("https://login.bank.hu", "https://agent.bank.hu");
        configured.setProperty("helpdesk.phone", " +36 1 234 5678 ");
        Properties text = properties("https://login.bank.hu", "https://agent.bank.hu");
        text.setProperty("helpdesk.phone", "<html>call us");

        assertEquals("(06 40) 200 069", AgentConfig.parse(letters, Path.of(".")).helpdeskPhone());
        assertEquals("+36 1 234 5678", AgentConfig.parse(configured, Path.of(".")).helpdeskPhone());
        assertThrows(InvalidAgentConfigException.class, () -> AgentConfig.parse(text, Path.of(".")));
    }
}
