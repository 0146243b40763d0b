package hu.tokenplatform.registry;

import hu.tokenplatform.tokencrypto.attestation.Pem;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A throw-away token-factory CA under {@code target/}, made before the application starts: the registry pins its
 * certificate, and {@link TestTokenFactory} issues the test tokens' device certificates with its key. Made once
 * per build directory, so an application restarted for another test profile pins the same CA.
 */
public class FactoryCaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final Path KEYSTORE = Path.of("target", "test-factory-ca", "factory-ca.p12");
    public static final Path CERTIFICATE = Path.of("target", "test-factory-ca", "factory-ca.pem");
    static final String PASSWORD = "test-only-factory-ca-password";

    @Override
    public Map<String, String> start() {
        TokenFactoryCa ca = Files.exists(KEYSTORE) ? TokenFactoryCa.load(KEYSTORE, PASSWORD.toCharArray()) : created();
        try {
            Files.writeString(CERTIFICATE, Pem.certificate(ca.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("registry.attestation.factory-ca-certificates", CERTIFICATE.toAbsolutePath().toString());
    }

    private static TokenFactoryCa created() {
        TokenFactoryCa ca = TokenFactoryCa.create("Test Bank", Clock.systemUTC());
        ca.store(KEYSTORE, PASSWORD.toCharArray());
        return ca;
    }

    @Override
    public void stop() {
        // kept for the next application start of this build
    }
}
