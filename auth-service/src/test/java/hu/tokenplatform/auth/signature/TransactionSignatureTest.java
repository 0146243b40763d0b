package hu.tokenplatform.auth.signature;

import hu.tokenplatform.auth.support.Registry;
import hu.tokenplatform.auth.support.RelyingParty;
import hu.tokenplatform.auth.support.TestBank;
import hu.tokenplatform.auth.support.TestCa;
import hu.tokenplatform.auth.support.TestToken;
import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSignatureProvider;
import hu.tokenplatform.tokenmanager.signing.DocumentSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The Electra backend verifying transaction signatures made on tokens. */
@QuarkusTest
class TransactionSignatureTest {

    static final byte[] TRANSFER = "{\"from\":\"11773016-11111018\",\"to\":\"10918001-00000068\",\"amount\":\"1250000 HUF\"}"
            .getBytes(StandardCharsets.UTF_8);

    static byte[] signOnToken(TestToken token, byte[] document) {
        try (TestToken.Open open = token.open()) {
            return DocumentSigner.signDetached(open.session(), new CMSProcessableByteArray(document));
        }
    }

    /** A detached CMS signature made with any key, certificate and signing time, as an attacker could make it. */
    static byte[] cms(PrivateKey key, Provider provider, X509Certificate certificate, Instant signingTime, byte[] document, boolean detached)
            throws Exception {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(TestCa.BC).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(key), certificate));
        generator.addCertificate(new JcaX509CertificateHolder(certificate));
        return generator.generate(new CMSProcessableByteArray(document), !detached).getEncoded();
    }

    static ValidatableResponse verify(byte[] document, byte[] signature) {
        return verify(RelyingParty.backendToken(), document, signature);
    }

    static ValidatableResponse verify(String accessToken, byte[] document, byte[] signature) {
        return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON)
                .body(Map.of("document", Base64.getEncoder().encodeToString(document),
                        "signature", Base64.getEncoder().encodeToString(signature)))
                .post("/signatures/v1/verifications").then();
    }

    /** A signer whose SIGNING certificate is for a software key, so that a test can choose the signing time. */
    static Object[] softwareSigner() {
        String customerId = TestToken.newCustomerId();
        Registry.registerUser(customerId, EnumSet.allOf(ContractedService.class), true);
        TestToken token = TestToken.personalised(customerId, true);
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate certificate = TestBank.ca().issue(keys.getPublic(), customerId, token.csn(), Instant.now().minusSeconds(3600),
                Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.SIGNING);
        Registry.handOver(token);
        Registry.announceCertificate(token, certificate, "SIGNING");
        return new Object[]{keys.getPrivate(), certificate, token};
    }

    @Test
    void signatureMadeOnTheTokenIsVerified() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);

        verify(TRANSFER, signOnToken(token, TRANSFER)).statusCode(200)
                .body("valid", equalTo(true))
                .body("customerId", equalTo(token.customerId()))
                .body("csn", equalTo(token.csn()))
                .body("companyId", equalTo("CO-1"));
    }

    @Test
    void signerWithoutASigningRightIsRefused() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        byte[] signature = signOnToken(token, TRANSFER);

        Registry.registerUser(token.customerId(), EnumSet.of(ContractedService.ELECTRA), false);

        verify(TRANSFER, signature).statusCode(422).body("code", equalTo("no-signing-right"));
    }

    @Test
    void signatureOverAnotherDocumentIsRefused() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        byte[] signature = signOnToken(token, TRANSFER);
        byte[] altered = new String(TRANSFER, StandardCharsets.UTF_8).replace("1250000", "9250000").getBytes(StandardCharsets.UTF_8);

        verify(altered, signature).statusCode(422).body("code", equalTo("signature-invalid"));
    }

    @Test
    void signatureWithTheLoginKeyIsRefused() throws Exception {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        byte[] signature;
        try (TestToken.Open open = token.open()) {
            signature = cms(open.session().privateKey(KeySlot.LOGIN), TokenSignatureProvider.installed(), token.loginCertificate(),
                    Instant.now(), TRANSFER, true);
        }

        verify(TRANSFER, signature).statusCode(422).body("code", equalTo("not-a-signing-certificate"));
    }

    @Test
    void signatureMadeAfterTheTokenWasRevokedIsRefused() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        Registry.revokeToken(token);

        verify(TRANSFER, signOnToken(token, TRANSFER)).statusCode(422).body("code", equalTo("certificate-revoked"));
    }

    @Test
    void signatureMadeBeforeTheRevocationStillVerifies() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        byte[] signature = signOnToken(token, TRANSFER);

        // Signing times are known to the second: the revocation is recorded in a later second.
        Registry.revokeToken(token, Instant.now().plusSeconds(2));

        verify(TRANSFER, signature).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void signingCertificateOfAnotherCaIsRefused() throws Exception {
        TestCa foreign = TestCa.create("Other Bank");
        KeyPair keys = TestCa.ecKeyPair("secp256r1");
        X509Certificate certificate = foreign.issue(keys.getPublic(), TestToken.newCustomerId(), TestToken.newCsn(),
                Instant.now().minusSeconds(60), Instant.now().plus(1, ChronoUnit.DAYS), TestCa.Profile.SIGNING);

        verify(TRANSFER, cms(keys.getPrivate(), TestCa.BC, certificate, Instant.now(), TRANSFER, true))
                .statusCode(422).body("code", equalTo("signer-certificate-untrusted"));
    }

    @Test
    void backdatedSigningTimeIsRefused() throws Exception {
        Object[] signer = softwareSigner();
        byte[] fresh = cms((PrivateKey) signer[0], TestCa.BC, (X509Certificate) signer[1], Instant.now(), TRANSFER, true);
        byte[] backdated = cms((PrivateKey) signer[0], TestCa.BC, (X509Certificate) signer[1], Instant.now().minusSeconds(1800), TRANSFER, true);

        verify(TRANSFER, fresh).statusCode(200);
        verify(TRANSFER, backdated).statusCode(422).body("code", equalTo("signing-time-out-of-range"));
    }

    @Test
    void signatureWithTheDocumentInsideIsRefused() throws Exception {
        Object[] signer = softwareSigner();

        verify(TRANSFER, cms((PrivateKey) signer[0], TestCa.BC, (X509Certificate) signer[1], Instant.now(), TRANSFER, false))
                .statusCode(422).body("code", equalTo("signature-malformed"));
        verify(TRANSFER, "not a signature at all".getBytes(StandardCharsets.UTF_8))
                .statusCode(422).body("code", equalTo("signature-malformed"));
    }

    @Test
    void onlyABackendWithTheSignatureScopeMayAsk() {
        TestToken token = Registry.userWithToken(EnumSet.allOf(ContractedService.class), true);
        byte[] signature = signOnToken(token, TRANSFER);

        given().contentType(ContentType.JSON).body(Map.of("document", "AAAA", "signature", "AAAAAAAAAAAAAAAAAAAAAAAA"))
                .post("/signatures/v1/verifications").then().statusCode(401);
        verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", TRANSFER, signature).statusCode(401);
    }
}
