package hu.tokenplatform.tokencrypto.attestation;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException.Reason;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The device certificate profile, one defect at a time, on certificates generated here: each is issued by the
 * pinned factory CA (unless the case is about the issuer) and signs a statement that is otherwise genuine, so the
 * defect alone is what the verifier refuses. The fixed vectors ({@link KeyAttestationVectorsTest}) cover the rest.
 */
class DeviceCertificateProfileTest {

    private static final String CSN = "0A1B2C3D4E5F6071";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final KeyPurposeId TOKEN_KEY_ATTESTATION =
            KeyPurposeId.getInstance(new ASN1ObjectIdentifier(KeyAttestation.DEVICE_ATTESTATION_KEY_PURPOSE));
    private static final KeyPair FACTORY_CA_KEYS = keyPair("secp384r1");
    private static final X509Certificate FACTORY_CA = ca("CN=Test Bank Token Factory CA,O=Test Bank,C=HU", FACTORY_CA_KEYS, null, null);
    private static final KeyPair DEVICE_KEYS = keyPair("secp256r1");
    /** A device key on another curve, which signs its statement itself. */
    private static final KeyPair P384_DEVICE_KEYS = keyPair("secp384r1");
    private static final PublicKey ATTESTED_KEY = keyPair("secp256r1").getPublic();

    /** What the factory issues: the profile of docs/key-attestation.md. */
    private record Device(X500Name subject, PublicKey key, List<Extension> extensions, X509Certificate issuer, PrivateKey issuerKey) {

        static Device genuine() {
            return new Device(deviceName(CSN), DEVICE_KEYS.getPublic(), List.of(
                    extension(Extension.basicConstraints, true, new BasicConstraints(false)),
                    extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)),
                    extension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(TOKEN_KEY_ATTESTATION))),
                    FACTORY_CA, FACTORY_CA_KEYS.getPrivate());
        }

        Device replacing(Extension extension) {
            List<Extension> others = extensions.stream().filter(e -> !e.getExtnId().equals(extension.getExtnId())).toList();
            return new Device(subject, key, Stream.concat(others.stream(), Stream.of(extension)).toList(), issuer, issuerKey);
        }

        Device with(Extension extension) {
            return new Device(subject, key, Stream.concat(extensions.stream(), Stream.of(extension)).toList(), issuer, issuerKey);
        }

        X509Certificate issue() {
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(NOW.toEpochMilli()),
                        Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(3650, ChronoUnit.DAYS)), subject, key);
                for (Extension extension : extensions) {
                    builder.addExtension(extension);
                }
                return new JcaX509CertificateConverter().getCertificate(builder.build(
                        new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Stream<Arguments> defects() {
        KeyPair intermediateKeys = keyPair("secp384r1");
        X509Certificate intermediate = ca("CN=Test Bank Token Factory Sub CA,O=Test Bank,C=HU", intermediateKeys, FACTORY_CA,
                FACTORY_CA_KEYS.getPrivate());
        KeyPair otherKeys = keyPair("secp384r1");
        return Stream.of(
                defect("key usage digitalSignature and keyEncipherment", d -> d.replacing(
                        extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)))),
                defect("key usage digitalSignature and keyCertSign without basic constraints", d -> new Device(d.subject(), d.key(),
                        List.of(extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)),
                                extension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(TOKEN_KEY_ATTESTATION))),
                        d.issuer(), d.issuerKey())),
                defect("key usage not critical", d -> d.replacing(
                        extension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature)))),
                defect("a CA", d -> d.replacing(extension(Extension.basicConstraints, true, new BasicConstraints(0)))),
                defect("extended key usage attestation and TLS client", d -> d.replacing(extension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(new KeyPurposeId[]{TOKEN_KEY_ATTESTATION, KeyPurposeId.id_kp_clientAuth})))),
                defect("extended key usage not critical", d -> d.replacing(
                        extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(TOKEN_KEY_ATTESTATION)))),
                defect("an unknown critical extension", d -> d.with(
                        extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.9.1"), true, DERNull.INSTANCE))),
                defect("a P-384 device key", d -> new Device(d.subject(), P384_DEVICE_KEYS.getPublic(), d.extensions(),
                        d.issuer(), d.issuerKey())),
                defect("a SERIALNUMBER that is not a CSN", d -> new Device(deviceName(CSN.toLowerCase()), d.key(), d.extensions(),
                        d.issuer(), d.issuerKey())),
                defect("two SERIALNUMBERs", d -> new Device(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Token " + CSN)
                        .addRDN(BCStyle.SERIALNUMBER, CSN).addRDN(BCStyle.SERIALNUMBER, CSN).build(), d.key(), d.extensions(),
                        d.issuer(), d.issuerKey())),
                untrusted("issued by an intermediate CA of the factory CA", d -> new Device(d.subject(), d.key(), d.extensions(),
                        intermediate, intermediateKeys.getPrivate()), null),
                untrusted("issued by an intermediate CA, sent with it as a chain", d -> new Device(d.subject(), d.key(),
                        d.extensions(), intermediate, intermediateKeys.getPrivate()), intermediate),
                untrusted("the genuine device certificate sent with the factory CA as a chain", UnaryOperator.identity(), FACTORY_CA),
                untrusted("naming another key of the factory CA's name as its issuer's", d -> d.with(
                        authorityKeyIdentifier(otherKeys.getPublic())), null));
    }

    @Test
    void theGenuineDeviceCertificateVerifies() {
        X509Certificate device = Device.genuine().issue();

        verifier().verify(statement(device, null), CSN, KeyPurpose.LOGIN, ATTESTED_KEY);
        verifier().verify(statement(Device.genuine().with(authorityKeyIdentifier(FACTORY_CA_KEYS.getPublic())).issue(), null),
                CSN, KeyPurpose.LOGIN, ATTESTED_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void eachDefectOfTheDeviceCertificateIsRefusedForItsReason(String defect, UnaryOperator<Device> change,
                                                               X509Certificate chainedWith, Reason reason) {
        KeyAttestationStatement statement = statement(change.apply(Device.genuine()).issue(), chainedWith);

        KeyAttestationException refused = assertThrows(KeyAttestationException.class,
                () -> verifier().verify(statement, CSN, KeyPurpose.LOGIN, ATTESTED_KEY));

        assertEquals(reason, refused.reason(), defect + ": " + refused.getMessage());
    }

    // --- helpers ---

    private static Arguments defect(String name, UnaryOperator<Device> change) {
        return Arguments.of(name, change, null, Reason.NOT_A_DEVICE_CERTIFICATE);
    }

    private static Arguments untrusted(String name, UnaryOperator<Device> change, X509Certificate chainedWith) {
        return Arguments.of(name, change, chainedWith, Reason.UNTRUSTED_DEVICE_CERTIFICATE);
    }

    private static KeyAttestationVerifier verifier() {
        return new KeyAttestationVerifier(List.of(FACTORY_CA), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A genuine statement by the device key, with the certificate (and, for a chain, another after it). */
    private static KeyAttestationStatement statement(X509Certificate device, X509Certificate chainedWith) {
        PrivateKey deviceKey = device.getPublicKey().equals(P384_DEVICE_KEYS.getPublic())
                ? P384_DEVICE_KEYS.getPrivate() : DEVICE_KEYS.getPrivate();
        KeyAttestationStatement signed = KeyAttestation.attest(CSN, KeyPurpose.LOGIN, ATTESTED_KEY, deviceKey, device);
        if (chainedWith == null) {
            return signed;
        }
        return new KeyAttestationStatement(signed.format(), signed.csn(), signed.purpose(), signed.publicKeySha256(),
                signed.keyProperties(), signed.signature(), signed.deviceCertificate() + Pem.certificate(chainedWith));
    }

    private static X500Name deviceName(String serialNumber) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Token " + serialNumber)
                .addRDN(BCStyle.SERIALNUMBER, serialNumber).addRDN(BCStyle.O, "Test Bank").addRDN(BCStyle.C, "HU").build();
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Extension authorityKeyIdentifier(PublicKey issuerKey) {
        try {
            return extension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuerKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA certificate with a subject key identifier: self-signed without an issuer, else issued by it. */
    private static X509Certificate ca(String name, KeyPair keys, X509Certificate issuer, PrivateKey issuerKey) {
        try {
            X500Name subject = new X500Name(name);
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(System.nanoTime()),
                    Date.from(NOW.minus(365, ChronoUnit.DAYS)), Date.from(NOW.plus(3650, ChronoUnit.DAYS)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA384withECDSA").build(issuer == null ? keys.getPrivate() : issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
