package hu.tokenplatform.registry.certificate.ca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaKeysTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @Test
    void caIsCreatedOnFirstStartAndLoadedUnchangedAfterwards() throws Exception {
        Path keystore = dir.resolve("ca/ca.p12");

        CaKeys created = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Példa Bank", Clock.systemUTC());
        CaKeys loaded = CaKeys.loadOrCreate(keystore, PASSWORD, false, "ignored", Clock.systemUTC());

        assertArrayEquals(created.issuingCertificate().getEncoded(), loaded.issuingCertificate().getEncoded());
        assertArrayEquals(created.rootCertificate().getEncoded(), loaded.rootCertificate().getEncoded());
        loaded.issuingCertificate().verify(loaded.rootCertificate().getPublicKey());
        assertEquals(0, loaded.issuingCertificate().getBasicConstraints(), "issuing CA may sign only end entities");
        assertTrue(loaded.rootCertificate().getSubjectX500Principal().getName().contains("CN=Példa Bank Root CA"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keystore));
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithoutRevealingIt() {
        Path keystore = dir.resolve("ca.p12");
        CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", Clock.systemUTC());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> CaKeys.loadOrCreate(keystore, "guess".toCharArray(), false, "Bank", Clock.systemUTC()));
        assertFalse(refused.getMessage().contains("guess"));
    }

    @Test
    void missingKeystoreIsNotCreatedUnlessAllowed() {
        Path keystore = dir.resolve("missing.p12");

        assertThrows(IllegalStateException.class,
                () -> CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", Clock.systemUTC()));
        assertFalse(Files.exists(keystore));
    }
}
