package hu.tokenplatform.auth.support;

import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import hu.tokenplatform.tokenmanager.device.TokenFactory;
import hu.tokenplatform.tokenmanager.device.TokenPort;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.VirtualToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A virtual Token Manager token handed over to a user, as the token factory and the branch make it: keys
 * generated on the token, CSRs certified by the test CA, the user's first PIN set.
 */
public record TestToken(String customerId, String csn, Path directory, X509Certificate loginCertificate,
                        X509Certificate signingCertificate) {

    public static final String PIN = "Tok3n!pw";
    private static final byte[] MASTER_UNLOCK_KEY = new byte[32];
    /** The token factory's CA: each test token gets a device attestation key, as every token from the factory does. */
    private static final TokenFactoryCa FACTORY_CA = TokenFactoryCa.create("Test Bank", Clock.systemUTC());
    private static final int TEST_PIN_ITERATIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger NEXT_CUSTOMER = new AtomicInteger(10_000_000 + RANDOM.nextInt(80_000_000));

    public static String newCustomerId() {
        return String.valueOf(NEXT_CUSTOMER.getAndIncrement());
    }

    public static String newCsn() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** A token with a LOGIN certificate, and a SIGNING one if {@code signing}. */
    public static TestToken personalised(String customerId, boolean signing) {
        String csn = newCsn();
        Path dir;
        try {
            dir = Files.createDirectories(TestBank.dir().resolve("tokens").resolve(csn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TokenFactory.provision(dir, csn, MASTER_UNLOCK_KEY, TEST_PIN_ITERATIONS, FACTORY_CA);
        try (VirtualToken token = VirtualToken.open(dir)) {
            TokenEnrolment branch = token.personalise();
            X509Certificate login = TestBank.ca().login(branch.generateKeyPair(KeySlot.LOGIN, csn).csrPem(), customerId, csn);
            branch.writeCertificate(KeySlot.LOGIN, login);
            X509Certificate signingCertificate = null;
            if (signing) {
                signingCertificate = TestBank.ca().signing(branch.generateKeyPair(KeySlot.SIGNING, csn).csrPem(), customerId, csn);
                branch.writeCertificate(KeySlot.SIGNING, signingCertificate);
            }
            token.setInitialPin(PIN.toCharArray());
            return new TestToken(customerId, csn, dir, login, signingCertificate);
        }
    }

    public TokenPort port() {
        return new TokenPort(directory);
    }

    /** Opens the token and logs in with the PIN; close the returned handle when done. */
    public Open open() {
        VirtualToken token = VirtualToken.open(directory);
        return new Open(token, token.login(PIN.toCharArray()));
    }

    public record Open(VirtualToken token, TokenSession session) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
            token.close();
        }
    }
}
