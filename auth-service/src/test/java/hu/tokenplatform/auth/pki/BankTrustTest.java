package hu.tokenplatform.auth.pki;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.support.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issuing CA's signature on a login certificate is verified once and remembered; what changes with time (the
 * validity period) is checked at every call, and nothing but a path that validated is ever remembered.
 */
class BankTrustTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    @Test
    void aCertificateRememberedAsValidatedIsStillRefusedOnceItExpires() {
        TestCa ca = TestCa.create("Trust Bank");
        BankTrust trust = trust(ca, 10);
        X509Certificate certificate = login(ca, NOW.plus(1, ChronoUnit.HOURS));

        assertDoesNotThrow(() -> trust.validate(certificate, NOW));
        assertDoesNotThrow(() -> trust.validate(certificate, NOW.plusSeconds(60)));

        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> trust.validate(certificate, NOW.plus(2, ChronoUnit.HOURS)));
        assertEquals(UntrustedCertificateException.Reason.EXPIRED, refused.reason());
    }

    @Test
    void aCertificateOfACaWithTheSameNameIsRefusedEveryTimeThoughTheRealCasCertificatesValidated() {
        TestCa ca = TestCa.create("Trust Bank");
        TestCa impostor = TestCa.create("Trust Bank");
        BankTrust trust = trust(ca, 10);
        X509Certificate genuine = login(ca, NOW.plus(1, ChronoUnit.DAYS));
        X509Certificate forged = login(impostor, NOW.plus(1, ChronoUnit.DAYS));
        assertEquals(genuine.getIssuerX500Principal(), forged.getIssuerX500Principal());

        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> trust.validate(genuine, NOW));
            UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                    () -> trust.validate(forged, NOW));
            assertEquals(UntrustedCertificateException.Reason.UNTRUSTED, refused.reason());
        }
    }

    @Test
    void withNothingRememberedEveryCertificateIsValidatedInFull() {
        TestCa ca = TestCa.create("Trust Bank");
        BankTrust trust = trust(ca, 0);
        X509Certificate certificate = login(ca, NOW.plus(1, ChronoUnit.DAYS));

        assertDoesNotThrow(() -> trust.validate(certificate, NOW));
        assertDoesNotThrow(() -> trust.validate(certificate, NOW));
        X509Certificate forged = login(TestCa.create("Trust Bank"), NOW.plus(1, ChronoUnit.DAYS));
        assertThrows(UntrustedCertificateException.class, () -> trust.validate(forged, NOW));
    }

    @Test
    void aNegativeOrOversizedBoundStopsTheServiceAtStart() {
        TestCa ca = TestCa.create("Trust Bank");
        assertThrows(IllegalStateException.class, () -> trust(ca, -1));
        assertThrows(IllegalStateException.class, () -> trust(ca, BankTrust.MAX_VALIDATED_PATHS_CACHED + 1));
        assertDoesNotThrow(() -> trust(ca, BankTrust.MAX_VALIDATED_PATHS_CACHED));
    }

    @Test
    void rememberedPathsAreBoundedAndTheLeastRecentlyUsedIsForgottenFirst() {
        ValidatedPaths paths = new ValidatedPaths(2);
        ValidatedPaths.Key first = ValidatedPaths.Key.of(new byte[]{1});
        ValidatedPaths.Key second = ValidatedPaths.Key.of(new byte[]{2});
        ValidatedPaths.Key third = ValidatedPaths.Key.of(new byte[]{3});

        paths.add(first);
        paths.add(second);
        assertTrue(paths.contains(first));
        paths.add(third);

        assertEquals(2, paths.size());
        assertTrue(paths.contains(first));
        assertFalse(paths.contains(second));
        assertTrue(paths.contains(third));
    }

    @Test
    void keysAreTheWholeEncodingsDigestSoEncodingsDifferingInOneByteDoNotShareOne() {
        byte[] encoding = new byte[512];
        byte[] other = encoding.clone();
        other[511] = 1;

        assertEquals(ValidatedPaths.Key.of(encoding), ValidatedPaths.Key.of(encoding.clone()));
        assertNotEquals(ValidatedPaths.Key.of(encoding), ValidatedPaths.Key.of(other));
    }

    private static X509Certificate login(TestCa ca, Instant notAfter) {
        return ca.issue(TestCa.ecKeyPair("secp256r1").getPublic(), "12345678", "ABCD1234EF567890",
                NOW.minus(1, ChronoUnit.HOURS), notAfter, TestCa.Profile.LOGIN);
    }

    private BankTrust trust(TestCa ca, int cached) {
        Path pem = dir.resolve("issuing-ca-" + System.nanoTime() + ".pem");
        TestCa.write(pem, TestCa.pem(ca.issuing));
        AuthConfig.Trust trustConfig = proxy(AuthConfig.Trust.class, method -> switch (method) {
            case "issuingCa" -> pem;
            case "validatedPathsCached" -> cached;
            default -> throw new UnsupportedOperationException(method);
        });
        return new BankTrust(proxy(AuthConfig.class, method -> {
            if (method.equals("trust")) {
                return trustConfig;
            }
            throw new UnsupportedOperationException(method);
        }));
    }

    private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> answers.apply(method.getName())));
    }
}
