package hu.tokenplatform.tokencrypto.attestation;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException.Reason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.ASN1String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFactoryCaTest {

    private static final String CSN = "00C0FFEE0042";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final char[] PASSWORD = "factory-ca-secret".toCharArray();

    @TempDir
    Path dir;

    private static KeyPair deviceKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void theFactoryCaIsARootThatCertifiesDevicesOnly() throws Exception {
        X509Certificate ca = TokenFactoryCa.create("Példa Bank", NOW).certificate();

        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals(0, ca.getBasicConstraints(), "a CA with path length 0: no CA below it");
        assertArrayEquals(new boolean[]{false, false, false, false, false, true, true, false, false}, ca.getKeyUsage(),
                "keyCertSign and cRLSign only");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
        assertEquals(384, ((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA384WITHECDSA", ca.getSigAlgName().toUpperCase());
        assertEquals("Példa Bank Token Factory CA", rdn(ca, true, BCStyle.CN));
        assertEquals(Duration.ofDays(TokenFactoryCa.CA_VALIDITY_DAYS), Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
    }

    @Test
    void aDeviceCertificateNamesTheCsnAndServesOnlyForKeyAttestation() throws Exception {
        TokenFactoryCa factory = TokenFactoryCa.create("Példa Bank", NOW);
        KeyPair device = deviceKeys();

        X509Certificate certificate = factory.issueDeviceCertificate(CSN, device.getPublic(), NOW);

        certificate.verify(factory.certificate().getPublicKey());
        assertEquals(factory.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(CSN, rdn(certificate, true, BCStyle.SERIALNUMBER));
        assertEquals("Példa Bank", rdn(certificate, true, BCStyle.O));
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertArrayEquals(new boolean[]{true, false, false, false, false, false, false, false, false}, certificate.getKeyUsage());
        assertEquals(List.of(KeyAttestation.DEVICE_ATTESTATION_KEY_PURPOSE), certificate.getExtendedKeyUsage());
        assertTrue(certificate.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15", "2.5.29.37")));
        assertEquals(NOW.instant(), certificate.getNotBefore().toInstant());
        assertEquals(NOW.instant().plus(TokenFactoryCa.DEVICE_CERTIFICATE_VALIDITY_DAYS, ChronoUnit.DAYS),
                certificate.getNotAfter().toInstant(), "the life of the token");
        assertEquals(device.getPublic(), certificate.getPublicKey());
    }

    @Test
    void aDeviceCertificateNeverOutlivesTheFactoryCa() throws Exception {
        TokenFactoryCa factory = TokenFactoryCa.create("Példa Bank", NOW);
        Clock lateInTheCasLife = Clock.offset(NOW, Duration.ofDays(TokenFactoryCa.CA_VALIDITY_DAYS - 100));

        X509Certificate certificate = factory.issueDeviceCertificate(CSN, deviceKeys().getPublic(), lateInTheCasLife);

        assertEquals(factory.certificate().getNotAfter(), certificate.getNotAfter());
    }

    @Test
    void aStatementSignedByACertifiedDeviceKeyVerifies() throws Exception {
        TokenFactoryCa factory = TokenFactoryCa.create("Példa Bank", NOW);
        KeyPair device = deviceKeys();
        X509Certificate certificate = factory.issueDeviceCertificate(CSN, device.getPublic(), NOW);
        KeyPair loginKey = deviceKeys();

        KeyAttestationStatement statement = KeyAttestation.attest(CSN, KeyPurpose.LOGIN, loginKey.getPublic(), device.getPrivate(), certificate);
        KeyAttestationVerifier verifier = new KeyAttestationVerifier(List.of(factory.certificate()), NOW);

        assertEquals(CSN, verifier.verify(statement, CSN, KeyPurpose.LOGIN, loginKey.getPublic()).csn());
        KeyAttestationVerifier otherFactory = new KeyAttestationVerifier(
                List.of(TokenFactoryCa.create("Példa Bank", NOW).certificate()), NOW);
        assertEquals(Reason.UNTRUSTED_DEVICE_CERTIFICATE, assertThrows(KeyAttestationException.class,
                () -> otherFactory.verify(statement, CSN, KeyPurpose.LOGIN, loginKey.getPublic())).reason());
        KeyAttestationVerifier afterTheCa = new KeyAttestationVerifier(List.of(factory.certificate()),
                Clock.offset(NOW, Duration.ofDays(TokenFactoryCa.CA_VALIDITY_DAYS + 1)));
        assertEquals(Reason.UNTRUSTED_DEVICE_CERTIFICATE, assertThrows(KeyAttestationException.class,
                () -> afterTheCa.verify(statement, CSN, KeyPurpose.LOGIN, loginKey.getPublic())).reason(),
                "an expired factory CA vouches for nothing");
    }

    @Test
    void theKeystoreHoldsOneEntryForItsOwnerAndIsNeverOverwritten() throws Exception {
        TokenFactoryCa created = TokenFactoryCa.create("Példa Bank", NOW);
        Path keystore = dir.resolve("ca").resolve("factory-ca.p12");

        created.store(keystore, PASSWORD);
        TokenFactoryCa loaded = TokenFactoryCa.load(keystore, PASSWORD);

        assertEquals(created.certificate(), loaded.certificate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        X509Certificate issued = loaded.issueDeviceCertificate(CSN, deviceKeys().getPublic(), NOW);
        issued.verify(created.certificate().getPublicKey());
        byte[] before = Files.readAllBytes(keystore);
        assertThrows(IllegalStateException.class, () -> TokenFactoryCa.create("Példa Bank", NOW).store(keystore, PASSWORD));
        assertArrayEquals(before, Files.readAllBytes(keystore));
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aWrongPasswordOrAnotherKeystoreIsRefused() {
        Path keystore = dir.resolve("factory-ca.p12");
        TokenFactoryCa.create("Példa Bank", NOW).store(keystore, PASSWORD);

        assertThrows(IllegalStateException.class, () -> TokenFactoryCa.load(keystore, "guess".toCharArray()));
        assertThrows(IllegalStateException.class, () -> TokenFactoryCa.load(dir.resolve("missing.p12"), PASSWORD));
        Path master = dir.resolve("master.p12");
        hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore.create(master, PASSWORD, new java.security.SecureRandom());
        assertThrows(IllegalStateException.class, () -> TokenFactoryCa.load(master, PASSWORD), "not a factory CA keystore");
    }

    @Test
    void onlyAWellFormedCsnAndAnEcKeyAreCertified() throws Exception {
        TokenFactoryCa factory = TokenFactoryCa.create("Példa Bank", NOW);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);

        assertThrows(IllegalArgumentException.class, () -> factory.issueDeviceCertificate("00c0ffee", deviceKeys().getPublic(), NOW));
        assertThrows(IllegalArgumentException.class, () -> factory.issueDeviceCertificate(CSN, rsa.generateKeyPair().getPublic(), NOW));
    }

    @Test
    void theVerifierTrustsOnlyCaCertificates() throws Exception {
        TokenFactoryCa factory = TokenFactoryCa.create("Példa Bank", NOW);
        X509Certificate device = factory.issueDeviceCertificate(CSN, deviceKeys().getPublic(), NOW);

        assertThrows(IllegalArgumentException.class, () -> new KeyAttestationVerifier(List.of(), NOW));
        assertThrows(IllegalArgumentException.class, () -> new KeyAttestationVerifier(List.of(device), NOW),
                "a device certificate is no trust anchor");
    }

    private static String rdn(X509Certificate certificate, boolean subject, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        X500Name name = X500Name.getInstance((subject ? certificate.getSubjectX500Principal() : certificate.getIssuerX500Principal()).getEncoded());
        return ((ASN1String) name.getRDNs(type)[0].getFirst().getValue()).getString();
    }
}
