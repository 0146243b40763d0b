package hu.tokenplatform.tokencrypto.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationException.Reason;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixed key attestation vectors in {@code src/test/resources/key-attestation}, made with Python's
 * 'cryptography' independently of this code ({@code make-vectors.py}). A failure here is a breaking change between
 * the tokens in the field and the registry, not a test to update.
 */
class KeyAttestationVectorsTest {

    static final String CSN = "0A1B2C3D4E5F6071";
    static final Clock VERIFIED_AT = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) {
        try (InputStream in = KeyAttestationVectorsTest.class.getResourceAsStream("/key-attestation/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vector file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyAttestationStatement statement(String name) {
        try {
            return JSON.readValue(resource(name), KeyAttestationStatement.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(String name) {
        try (PEMParser parser = new PEMParser(new StringReader(resource(name)))) {
            return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String name) {
        try (PEMParser parser = new PEMParser(new StringReader(resource(name)))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyAttestationVerifier verifier() {
        return new KeyAttestationVerifier(List.of(Pem.readCertificate(resource("factory-ca.pem"))), VERIFIED_AT);
    }

    @Test
    void toBeSignedBytesMatchTheVector() {
        KeyAttestationStatement vector = statement("statement.json");

        byte[] tbs = KeyAttestation.toBeSigned(vector.csn(), KeyPurpose.LOGIN, vector.publicKeySha256());

        assertArrayEquals(HexFormat.of().parseHex(resource("tbs.hex").strip()), tbs);
    }

    @Test
    void keyHashIsSha256OfTheSubjectPublicKeyInfo() {
        assertEquals(statement("statement.json").publicKeySha256(), KeyAttestation.publicKeySha256(publicKey("attested-key.pem")));
        assertEquals(resource("other-key-sha256.txt").strip(), KeyAttestation.publicKeySha256(publicKey("other-key.pem")));
    }

    @Test
    void theVectorStatementVerifiesForItsTokenPurposeAndKey() {
        X509Certificate device = Pem.readCertificate(resource("device.pem"));

        VerifiedKeyAttestation verified = verifier().verify(statement("statement.json"), CSN, KeyPurpose.LOGIN,
                publicKey("attested-key.pem"));

        assertEquals(CSN, verified.csn());
        assertEquals(KeyPurpose.LOGIN, verified.purpose());
        assertEquals(statement("statement.json").publicKeySha256(), verified.publicKeySha256());
        assertEquals(device.getSerialNumber().toString(16).toUpperCase(), verified.deviceCertificateSerial());
        assertEquals(64, verified.deviceCertificateSha256().length());
        assertEquals(KeyPurpose.LOGIN, verifier().verify(statement("other-token-statement.json"), "0A1B2C3D4E5F6072",
                KeyPurpose.LOGIN, publicKey("other-key.pem")).purpose());
    }

    @Test
    void theJavaTokenSideSignsWhatTheVectorSays() {
        KeyAttestationStatement vector = statement("statement.json");

        KeyAttestationStatement signed = KeyAttestation.attest(CSN, KeyPurpose.LOGIN, publicKey("attested-key.pem"),
                privateKey("device-key.pem"), Pem.readCertificate(resource("device.pem")));

        assertEquals(vector.format(), signed.format());
        assertEquals(vector.csn(), signed.csn());
        assertEquals(vector.purpose(), signed.purpose());
        assertEquals(vector.publicKeySha256(), signed.publicKeySha256());
        assertEquals(vector.keyProperties(), signed.keyProperties());
        assertEquals(Pem.readCertificate(vector.deviceCertificate()), Pem.readCertificate(signed.deviceCertificate()));
        assertNotEquals(vector.signature(), signed.signature(), "ECDSA signatures are randomised");
        assertTrue(signed.signature().matches("[A-Za-z0-9_-]+"), "base64url without padding");
        verifier().verify(signed, CSN, KeyPurpose.LOGIN, publicKey("attested-key.pem"));
    }

    @Test
    void jsonMembersAreExactlyTheRecordComponents() throws IOException {
        JsonNode vector = JSON.readTree(resource("statement.json"));
        Set<String> members = Stream.of(KeyAttestationStatement.class.getRecordComponents())
                .map(component -> component.getName()).collect(Collectors.toSet());

        assertEquals(members, iterable(vector.fieldNames()));
        assertEquals(vector, JSON.valueToTree(statement("statement.json")));
    }

    /** Each member altered, each certificate defect, each genuine statement about something else: refused, and why. */
    static Stream<Arguments> negativeVectors() {
        return resource("negative-vectors.csv").lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split(";", -1))
                .map(f -> Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5], Reason.valueOf(f[6])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeVectors")
    void negativeVectorsAreRefusedForTheirReason(String name, String member, String replacement, String expectedCsn,
                                                 String expectedPurpose, String expectedKey, Reason reason) throws IOException {
        KeyAttestationStatement altered = alter(member, replacement);

        KeyAttestationException refused = assertThrows(KeyAttestationException.class, () -> verifier().verify(altered,
                expectedCsn.isEmpty() ? CSN : expectedCsn,
                expectedPurpose.isEmpty() ? KeyPurpose.LOGIN : KeyPurpose.valueOf(expectedPurpose),
                publicKey(expectedKey.isEmpty() ? "attested-key.pem" : expectedKey)));

        assertEquals(reason, refused.reason(), name + ": " + refused.getMessage());
    }

    @Test
    void negativeVectorsCoverEveryMemberAndEveryReason() {
        List<Object[]> vectors = negativeVectors().map(Arguments::get).toList();
        Set<String> members = Stream.of(KeyAttestationStatement.class.getRecordComponents())
                .map(component -> component.getName()).collect(Collectors.toSet());

        assertTrue(vectors.stream().map(v -> (String) v[1]).collect(Collectors.toSet()).containsAll(members));
        assertEquals(Set.of(Reason.values()), vectors.stream().map(v -> (Reason) v[6]).collect(Collectors.toSet()));
    }

    private static KeyAttestationStatement alter(String member, String replacement) throws IOException {
        if (member.equals("*")) {
            return statement(replacement.substring(1));
        }
        ObjectNode json = (ObjectNode) JSON.readTree(resource("statement.json"));
        if (!member.isEmpty()) {
            if (replacement.startsWith("json:")) {
                json.set(member, JSON.readTree(replacement.substring("json:".length())));
            } else if (replacement.startsWith("@")) {
                String content = resource(replacement.substring(1));
                json.put(member, member.equals("deviceCertificate") ? content : content.strip());
            } else {
                json.put(member, replacement);
            }
        }
        return JSON.treeToValue(json, KeyAttestationStatement.class);
    }

    private static Set<String> iterable(java.util.Iterator<String> names) {
        Set<String> set = new java.util.HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }
}
