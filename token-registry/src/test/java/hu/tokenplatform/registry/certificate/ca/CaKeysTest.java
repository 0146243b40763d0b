package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaKeysTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final CaKeys.ResponderPolicy POLICY = new CaKeys.ResponderPolicy(Duration.ofDays(30), Duration.ofDays(10));

    @TempDir
    Path dir;

    @Test
    void caIsCreatedOnFirstStartAndLoadedUnchangedAfterwards() throws Exception {
        Path keystore = dir.resolve("ca/ca.p12");

        CaKeys created = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Példa Bank", POLICY, Clock.systemUTC());
        CaKeys loaded = CaKeys.loadOrCreate(keystore, PASSWORD, false, "ignored", POLICY, Clock.systemUTC());

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
        CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, Clock.systemUTC());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> CaKeys.loadOrCreate(keystore, "guess".toCharArray(), false, "Bank", POLICY, Clock.systemUTC()));
        assertFalse(refused.getMessage().contains("guess"));
    }

    @Test
    void missingKeystoreIsNotCreatedUnlessAllowed() {
        Path keystore = dir.resolve("missing.p12");

        assertThrows(IllegalStateException.class,
                () -> CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, Clock.systemUTC()));
        assertFalse(Files.exists(keystore));
    }

    @Test
    void newIssuingCaMaySignOnlyCertificatesAndCrls() {
        CaKeys ca = CaKeys.loadOrCreate(dir.resolve("ca.p12"), PASSWORD, true, "Bank", POLICY, Clock.systemUTC());

        for (X509Certificate certificate : ca.chain()) {
            boolean[] keyUsage = certificate.getKeyUsage();
            for (int bit = 0; bit < keyUsage.length; bit++) {
                assertEquals(bit == 5 || bit == 6, keyUsage[bit], certificate.getSubjectX500Principal() + " key usage bit " + bit
                        + " (only keyCertSign and cRLSign)");
            }
        }
    }

    @Test
    void newCaComesWithADelegatedOcspResponderKeptInTheKeystore() throws Exception {
        Path keystore = dir.resolve("ca.p12");
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        CaKeys created = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, Clock.fixed(now, ZoneOffset.UTC));
        CaKeys loaded = CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, Clock.fixed(now.plus(Duration.ofDays(1)), ZoneOffset.UTC));

        X509Certificate responder = created.responder().certificate();
        assertResponderOf(created, responder);
        assertEquals(now.minus(Duration.ofMinutes(5)), responder.getNotBefore().toInstant(), "backdated a little for clock skew");
        assertEquals(now.plus(Duration.ofDays(30)), responder.getNotAfter().toInstant());
        assertArrayEquals(responder.getEncoded(), loaded.responder().certificate().getEncoded(), "kept, not issued again");
        assertArrayEquals(created.responder().key().getEncoded(), loaded.responder().key().getEncoded());
        assertEquals(List.of("issuing", "ocsp-responder", "root"), aliases(keystore));
    }

    @Test
    void keystoreOfAnEarlierVersionGetsAResponderWrittenIntoIt() throws Exception {
        Path keystore = dir.resolve("ca.p12");
        CaKeys old = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, Clock.systemUTC());
        editKeystore(keystore, store -> store.deleteEntry("ocsp-responder"));

        CaKeys upgraded = CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, Clock.systemUTC());
        CaKeys again = CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, Clock.systemUTC());

        assertArrayEquals(old.issuingCertificate().getEncoded(), upgraded.issuingCertificate().getEncoded(), "CA unchanged");
        assertArrayEquals(old.rootCertificate().getEncoded(), upgraded.rootCertificate().getEncoded());
        assertResponderOf(upgraded, upgraded.responder().certificate());
        assertArrayEquals(upgraded.responder().certificate().getEncoded(), again.responder().certificate().getEncoded(),
                "written into the keystore, not made again at every start");
    }

    @Test
    void responderIsReissuedAtStartWhenLessThanTheRenewalPeriodIsLeft() throws Exception {
        Path keystore = dir.resolve("ca.p12");
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        X509Certificate first = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, Clock.fixed(created, ZoneOffset.UTC))
                .responder().certificate();

        CaKeys nineteenDaysOn = CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, at(created.plus(Duration.ofDays(19))));
        CaKeys twentyOneDaysOn = CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, at(created.plus(Duration.ofDays(21))));

        assertEquals(first.getSerialNumber(), nineteenDaysOn.responder().certificate().getSerialNumber(), "11 days left: kept");
        X509Certificate renewed = twentyOneDaysOn.responder().certificate();
        assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber(), "9 days left: renewed");
        assertNotEquals(first.getPublicKey(), renewed.getPublicKey(), "with a new key");
        assertResponderOf(twentyOneDaysOn, renewed);
        assertEquals(created.plus(Duration.ofDays(51)), renewed.getNotAfter().toInstant());
    }

    @Test
    void runningServiceRenewsItsResponderAndKeepsKeystoreEntriesItDoesNotKnow() throws Exception {
        Path keystore = dir.resolve("ca.p12");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        CaKeys ca = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, clock);
        X509Certificate first = ca.responder().certificate();
        editKeystore(keystore, store -> store.setCertificateEntry("some-other-entry", ca.rootCertificate()));

        Optional<X509Certificate> early = ca.renewResponderIfDue();
        clock.now = clock.now.plus(Duration.ofDays(25));
        Optional<X509Certificate> due = ca.renewResponderIfDue();

        assertTrue(early.isEmpty());
        assertTrue(due.isPresent());
        assertEquals(due.get(), ca.responder().certificate(), "in use at once");
        assertNotEquals(first.getSerialNumber(), due.get().getSerialNumber());
        assertTrue(aliases(keystore).contains("some-other-entry"));
        assertArrayEquals(due.get().getEncoded(), CaKeys.loadOrCreate(keystore, PASSWORD, false, "Bank", POLICY, clock)
                .responder().certificate().getEncoded(), "the renewed responder is in the keystore");
    }

    @Test
    void responderThatTheIssuingCaDidNotIssueIsReplaced() throws Exception {
        Path ours = dir.resolve("ours.p12");
        Path theirs = dir.resolve("theirs.p12");
        CaKeys.loadOrCreate(ours, PASSWORD, true, "Bank", POLICY, Clock.systemUTC());
        CaKeys other = CaKeys.loadOrCreate(theirs, PASSWORD, true, "Bank", POLICY, Clock.systemUTC());
        X509Certificate foreign = other.responder().certificate();
        editKeystore(ours, store -> store.setKeyEntry("ocsp-responder", other.responder().key(), PASSWORD,
                new Certificate[]{foreign}));

        CaKeys loaded = CaKeys.loadOrCreate(ours, PASSWORD, false, "Bank", POLICY, Clock.systemUTC());

        assertNotEquals(foreign.getSerialNumber(), loaded.responder().certificate().getSerialNumber());
        assertResponderOf(loaded, loaded.responder().certificate());
    }

    @Test
    void responderStaysInUseWhenItsRenewalCannotBeWritten() throws Exception {
        Path caDir = dir.resolve("ca");
        Path keystore = caDir.resolve("ca.p12");
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        CaKeys ca = CaKeys.loadOrCreate(keystore, PASSWORD, true, "Bank", POLICY, clock);
        X509Certificate first = ca.responder().certificate();
        Files.delete(keystore);
        Files.delete(caDir);
        Files.writeString(caDir, "a file where the keystore's directory was");
        clock.now = clock.now.plus(Duration.ofDays(25));

        IllegalStateException refused = assertThrows(IllegalStateException.class, ca::renewResponderIfDue);

        assertTrue(refused.getMessage().contains("cannot be"), refused.getMessage());
        assertEquals(first, ca.responder().certificate());
    }

    private static void assertResponderOf(CaKeys ca, X509Certificate responder) throws Exception {
        responder.verify(ca.issuingCertificate().getPublicKey());
        assertEquals(ca.issuingCertificate().getSubjectX500Principal(), responder.getIssuerX500Principal());
        assertEquals(List.of(KeyPurposeId.id_kp_OCSPSigning.getId()), responder.getExtendedKeyUsage());
        assertNotNull(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()));
        assertEquals(-1, responder.getBasicConstraints());
        boolean[] keyUsage = responder.getKeyUsage();
        for (int bit = 0; bit < keyUsage.length; bit++) {
            assertEquals(bit == 0, keyUsage[bit], "responder key usage bit " + bit + " (only digitalSignature)");
        }
        assertEquals(responder.getPublicKey(), ca.responder().certificate().getPublicKey());
    }

    private interface KeystoreEdit {
        void apply(KeyStore store) throws Exception;
    }

    private static void editKeystore(Path keystore, KeystoreEdit edit) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        edit.apply(store);
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, PASSWORD);
        }
    }

    private static List<String> aliases(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        return java.util.Collections.list(store.aliases()).stream().sorted().toList();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
