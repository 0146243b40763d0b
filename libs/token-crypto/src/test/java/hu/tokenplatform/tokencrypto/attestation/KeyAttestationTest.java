package hu.tokenplatform.tokencrypto.attestation;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyAttestationTest {

    private static final String HASH = "e2bb6ed7b32ba8c0709a06f2db56fd49a6309be1f906c195c79be7ac8159ce1d";

    @Test
    void nothingMalformedIsEverSigned() {
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.toBeSigned("0a1b2c3d", KeyPurpose.LOGIN, HASH));
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.toBeSigned("0A1B2C3D\u0000LOGIN", KeyPurpose.LOGIN, HASH),
                "a separator inside a part would let one statement read as another");
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.toBeSigned("0A1B2C3D", null, HASH));
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.toBeSigned("0A1B2C3D", KeyPurpose.LOGIN, HASH.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.toBeSigned("0A1B2C3D", KeyPurpose.LOGIN, HASH.substring(2)));
    }

    /** Otherwise one key could be certified twice, once in each encoding. */
    @Test
    void aKeyHasOneHashHoweverItsPointIsEncoded() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey key = generator.generateKeyPair().getPublic();
        SubjectPublicKeyInfo uncompressed = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        ECPublicKeyParameters point = (ECPublicKeyParameters) PublicKeyFactory.createKey(uncompressed);
        byte[] compressed = new SubjectPublicKeyInfo(uncompressed.getAlgorithm(), point.getQ().getEncoded(true)).getEncoded();
        PublicKey sameKeyCompressed = KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePublic(new X509EncodedKeySpec(compressed));

        assertEquals(KeyAttestation.publicKeySha256(key), KeyAttestation.publicKeySha256(sameKeyCompressed));
        assertEquals(KeyAttestation.publicKeySha256(key), KeyAttestation.publicKeySha256(new Encoded(compressed)));
    }

    @Test
    void ecKeysWithExplicitCurveParametersAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey named = (ECPublicKey) generator.generateKeyPair().getPublic();
        PublicKey withExplicitParameters = new Encoded(explicitEncoding(named));

        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.publicKeySha256(withExplicitParameters));
        assertThrows(IllegalArgumentException.class, () -> KeyAttestation.publicKeySha256(new Encoded(new byte[]{0x30, 0x00})));
    }

    @Test
    void rsaKeysHashTheirCanonicalEncoding() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();

        assertEquals(64, KeyAttestation.publicKeySha256(key).length());
        assertEquals(KeyAttestation.publicKeySha256(key), KeyAttestation.publicKeySha256(new Encoded(key.getEncoded())));
    }

    /** The same P-256 key with the curve spelt out instead of named, as some encoders write it. */
    private static byte[] explicitEncoding(ECPublicKey key) throws Exception {
        var curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("secp256r1");
        var parameters = new org.bouncycastle.asn1.x9.X962Parameters(curve);
        var algorithm = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey, parameters);
        byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        return new SubjectPublicKeyInfo(algorithm, point).getEncoded();
    }

    /** A public key as a request would carry it: just its encoding. */
    private record Encoded(byte[] encoding) implements PublicKey {
        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            return encoding.clone();
        }
    }
}
