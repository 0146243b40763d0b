package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.Csrs;
import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.registry.LockWaits;
import hu.tokenplatform.registry.TestTokenFactory;
import hu.tokenplatform.registry.TestTokenFactory.Device;
import hu.tokenplatform.registry.certificate.CertificateAuthority;
import hu.tokenplatform.registry.certificate.CertifiedKeyBackfill;
import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import hu.tokenplatform.registry.certificate.ca.CertificateSubject;
import hu.tokenplatform.registry.certificate.ca.CertificateUsage;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static hu.tokenplatform.registry.LockWaits.await;
import static hu.tokenplatform.registry.Fixtures.handOver;
import static hu.tokenplatform.registry.Fixtures.handOverRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key belongs to exactly one token, and a key certified once is never certified again (issue 10, part 1). The
 * first tests are the attacks observed on the running platform: each was certified before the registry asked for
 * the token's attestation and kept key hashes.
 */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
class KeyBindingTest {

    @Inject
    EntityManager em;

    @Inject
    CertifiedKeyBackfill backfill;

    @Inject
    CertificateAuthority ca;

    /** A user whose token's login key (and signing key, with a signing right) the registry certified. */
    record Holder(String customerId, String csn, KeyPair loginKey, String loginCsr, String signingCsr) {
    }

    private static Holder holderWithCertifiedKeys(boolean signingRight) {
        String customerId = Fixtures.user(signingRight);
        String csn = Fixtures.tokenInStock();
        KeyPair loginKey = Csrs.ecKeyPair("secp256r1");
        String loginCsr = Csrs.csr(loginKey);
        String signingCsr = signingRight ? Csrs.ecP256() : null;
        handOver(handOverRequest(customerId, csn, loginCsr, signingCsr)).statusCode(201);
        return new Holder(customerId, csn, loginKey, loginCsr, signingCsr);
    }

    // --- the attacks observed -------------------------------------------------------------------------------------

    @Test
    void anotherUsersCertifiedKeyWithoutAttestationIsNotCertifiedForB() {
        Holder a = holderWithCertifiedKeys(false);
        String b = Fixtures.user(false);
        String bToken = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(b, bToken, a.loginCsr(), null);
        request.remove("loginAttestation");

        handOver(request).statusCode(422)
                .body("code", equalTo("attestation-required"))
                .body("detail", containsString("loginAttestation"));

        nothingHandedOver(bToken);
    }

    @Test
    void anotherUsersCertifiedKeyWithTheAttestationOfItsOwnTokenIsNotCertifiedForB() {
        Holder a = holderWithCertifiedKeys(false);
        String b = Fixtures.user(false);
        String bToken = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(b, bToken, a.loginCsr(), null);
        request.put("loginAttestation", TestTokenFactory.device(a.csn()).attest(KeyPurpose.LOGIN, a.loginCsr()));

        handOver(request).statusCode(422)
                .body("code", equalTo("attestation-invalid"))
                .body("detail", allOf(containsString("loginAttestation"), containsString("DEVICE_OF_ANOTHER_TOKEN")));

        nothingHandedOver(bToken);
        assertRefusalAudited(bToken, "attestation-invalid");
    }

    /** A compromised factory (or device key) can attest any key for any CSN: key uniqueness still stops the reuse. */
    @Test
    void anotherUsersCertifiedKeyIsNotCertifiedForBEvenWithAValidAttestationForBsToken() {
        Holder a = holderWithCertifiedKeys(false);
        String aCertificate = given().get("/tokens/" + a.csn() + "/certificates").then().extract().path("[0].serialNumber");
        String b = Fixtures.user(false);
        String bToken = Fixtures.tokenInStock();

        handOver(handOverRequest(b, bToken, a.loginCsr(), null)).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("key-already-certified"))
                .body("detail", allOf(containsString("loginCsr"), not(containsString(a.csn())), not(containsString(a.customerId()))));

        nothingHandedOver(bToken);
        String details = assertRefusalAudited(bToken, "key-already-certified");
        assertTrue(details.contains(aCertificate), "the audit names the certificate that holds the key: " + details);
        assertTrue(details.contains(KeyAttestation.publicKeySha256(a.loginKey().getPublic())), details);
    }

    @Test
    void keysOfATokenRevokedAsStolenAreNeverCertifiedAgain() {
        Holder a = holderWithCertifiedKeys(true);
        given().contentType(ContentType.JSON).body(Map.of("reason", "STOLEN"))
                .post("/tokens/" + a.csn() + "/revocation").then().statusCode(200).body("revocationReason", equalTo("STOLEN"));

        String newToken = Fixtures.tokenInStock();
        handOver(handOverRequest(a.customerId(), newToken, a.loginCsr(), Csrs.ecP256())).statusCode(422)
                .body("code", equalTo("key-already-certified")).body("detail", containsString("loginCsr"));
        handOver(handOverRequest(a.customerId(), newToken, Csrs.ecP256(), a.signingCsr())).statusCode(422)
                .body("code", equalTo("key-already-certified")).body("detail", containsString("signingCsr"));
        String thief = Fixtures.user(false);
        String thiefsToken = Fixtures.tokenInStock();
        handOver(handOverRequest(thief, thiefsToken, a.loginCsr(), null)).statusCode(422)
                .body("code", equalTo("key-already-certified"));

        nothingHandedOver(newToken);
        nothingHandedOver(thiefsToken);
        handOver(handOverRequest(a.customerId(), newToken, Csrs.ecP256(), Csrs.ecP256())).statusCode(201)
                .body("certificates", hasSize(2));
    }

    @Test
    void aCertifiedKeyIsRecognisedWhateverEncodingTheRequestUses() throws Exception {
        Holder a = holderWithCertifiedKeys(false);
        String compressed = csrWithCompressedPoint(a.loginKey());
        String b = Fixtures.user(false);
        String bToken = Fixtures.tokenInStock();

        handOver(handOverRequest(b, bToken, compressed, null)).statusCode(422).body("code", equalTo("key-already-certified"));
    }

    // --- what the registry checks in a statement ------------------------------------------------------------------

    @Test
    void withoutAttestationNoCertificateAndTheRefusalNamesTheMissingField() {
        String customerId = Fixtures.user(true);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> withoutLogin = handOverRequest(customerId, csn, Csrs.ecP256());
        withoutLogin.remove("loginAttestation");
        Map<String, Object> withoutSigning = handOverRequest(customerId, csn, Csrs.ecP256());
        withoutSigning.remove("signingAttestation");

        handOver(withoutLogin).statusCode(422).body("code", equalTo("attestation-required"))
                .body("detail", allOf(containsString("loginAttestation"), containsString("enrol generate-keys")));
        handOver(withoutSigning).statusCode(422).body("code", equalTo("attestation-required"))
                .body("detail", containsString("signingAttestation"));
        nothingHandedOver(csn);
    }

    @Test
    void anAttestationByAnotherTokenIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        String csr = Csrs.ecP256();
        Map<String, Object> request = handOverRequest(customerId, csn, csr, null);
        request.put("loginAttestation", TestTokenFactory.device(Fixtures.csn()).attest(KeyPurpose.LOGIN, csr));

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", containsString("DEVICE_OF_ANOTHER_TOKEN"));
        nothingHandedOver(csn);
    }

    @Test
    void theLoginKeysAttestationDoesNotCertifyTheSigningKey() {
        String customerId = Fixtures.user(true);
        String csn = Fixtures.tokenInStock();
        String signingCsr = Csrs.ecP256();
        Map<String, Object> request = handOverRequest(customerId, csn, signingCsr);
        request.put("signingAttestation", TestTokenFactory.device(csn).attest(KeyPurpose.LOGIN, signingCsr));
        Map<String, Object> swapped = handOverRequest(customerId, csn, signingCsr);
        swapped.put("signingAttestation", swapped.get("loginAttestation"));

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", allOf(containsString("signingAttestation"), containsString("PURPOSE_MISMATCH")));
        handOver(swapped).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", allOf(containsString("signingAttestation"), containsString("PURPOSE_MISMATCH")));
        nothingHandedOver(csn);
    }

    @Test
    void aDeviceCertificateFromAnUntrustedFactoryCaIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        String csr = Csrs.ecP256();
        TokenFactoryCa rogueFactory = TokenFactoryCa.create("Test Bank", Clock.systemUTC());
        Map<String, Object> request = handOverRequest(customerId, csn, csr, null);
        request.put("loginAttestation", Device.issuedBy(rogueFactory, csn, Clock.systemUTC()).attest(KeyPurpose.LOGIN, csr));

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", containsString("UNTRUSTED_DEVICE_CERTIFICATE"));
        nothingHandedOver(csn);
    }

    @Test
    void aTamperedStatementIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        String csr = Csrs.ecP256();
        Map<String, Object> attestedForAnotherKey = TestTokenFactory.device(csn).attest(KeyPurpose.LOGIN, Csrs.ecP256());
        attestedForAnotherKey.put("publicKeySha256", KeyAttestation.publicKeySha256(Csrs.publicKey(csr)));
        Map<String, Object> request = handOverRequest(customerId, csn, csr, null);
        request.put("loginAttestation", attestedForAnotherKey);

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", containsString("BAD_SIGNATURE"));
        nothingHandedOver(csn);
    }

    @Test
    void anExpiredDeviceCertificateIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        String csr = Csrs.ecP256();
        Map<String, Object> request = handOverRequest(customerId, csn, csr, null);
        request.put("loginAttestation", Device.expired(TestTokenFactory.ca(), csn).attest(KeyPurpose.LOGIN, csr));

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", containsString("DEVICE_CERTIFICATE_EXPIRED"));
        nothingHandedOver(csn);
    }

    @Test
    void oversizedOrMalformedStatementsAreRefusedWithoutRepeatingThem() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> oversized = handOverRequest(customerId, csn, null);
        ((Map<String, Object>) oversized.get("loginAttestation")).put("deviceCertificate", "<script>" + "A".repeat(20_000));
        Map<String, Object> malformed = handOverRequest(customerId, csn, null);
        ((Map<String, Object>) malformed.get("loginAttestation")).put("csn", "<script>alert(1)</script>");
        Map<String, Object> notAnObject = handOverRequest(customerId, csn, null);
        notAnObject.put("loginAttestation", "<script>alert(1)</script>");

        handOver(oversized).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", allOf(containsString("TOO_LARGE"), not(containsString("<script>"))));
        handOver(malformed).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", allOf(containsString("MALFORMED"), not(containsString("<script>"))));
        handOver(notAnObject).statusCode(400).body("code", equalTo("validation-failed"))
                .body(not(containsString("<script>")));
        nothingHandedOver(csn);
    }

    @Test
    void aSigningAttestationWithoutASigningCsrIsRefused() {
        String customerId = Fixtures.user(false);
        String csn = Fixtures.tokenInStock();
        Map<String, Object> request = handOverRequest(customerId, csn, null);
        request.put("signingAttestation", TestTokenFactory.device(csn).attest(KeyPurpose.SIGNING, Csrs.ecP256()));

        handOver(request).statusCode(422).body("code", equalTo("attestation-invalid"))
                .body("detail", containsString("signingAttestation"));
    }

    @Test
    void theRegistryRecordsWhichDeviceAttestedEachCertifiedKey() {
        Holder a = holderWithCertifiedKeys(false);
        X509Certificate device = TestTokenFactory.device(a.csn()).certificate();

        String details = given().queryParam("subjectId", a.csn()).get("/audit").then().statusCode(200)
                .extract().path("find { it.action == 'certificate.issued' }.details");

        assertTrue(details.contains(device.getSerialNumber().toString(16).toUpperCase()), details);
        assertTrue(details.contains(KeyAttestation.publicKeySha256(a.loginKey().getPublic())), details);
    }

    // --- the last line of defence ---------------------------------------------------------------------------------

    @Test
    void theDatabaseHoldsEachCertifiedKeyOnce() {
        Holder a = holderWithCertifiedKeys(false);

        PersistenceException refused = assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("""
                        insert into certificate (serial_number, csn, customer_id, usage, subject_dn, key_description, not_before,
                            not_after, status, sha256_fingerprint, pem, issued_by, public_key_sha256)
                        select 'AB' || serial_number, csn, customer_id, usage, subject_dn, key_description, not_before, not_after,
                            status, md5(sha256_fingerprint) || md5(pem), pem, issued_by, public_key_sha256
                        from certificate where csn = ?1""").setParameter(1, a.csn()).executeUpdate()));
        assertTrue(HandOverService.violatesKeyUniqueness(refused), refused.toString());
    }

    /**
     * The look-up cannot see a certificate another hand-over has not committed yet: the unique index makes this
     * hand-over's insert wait for it, then refuses the key the same way.
     */
    @Test
    void aHandOverThatPassedTheLookUpIsStoppedByTheUniqueIndex() throws Exception {
        Holder a = holderWithCertifiedKeys(false);
        String csr = Csrs.ecP256();
        String hash = KeyAttestation.publicKeySha256(Csrs.publicKey(csr));
        Map<String, Object> request = handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), csr, null);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> otherHandOver = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("""
                        insert into certificate (serial_number, csn, customer_id, usage, subject_dn, key_description, not_before,
                            not_after, status, revoked_at, revocation_reason, sha256_fingerprint, pem, issued_by, public_key_sha256)
                        select 'CD' || serial_number, csn, customer_id, usage, subject_dn, key_description, not_before, not_after,
                            'REVOKED', now(), 'SUPERSEDED', md5(sha256_fingerprint) || md5(pem), pem, issued_by, ?2
                        from certificate where csn = ?1""").setParameter(1, a.csn()).setParameter(2, hash).executeUpdate();
                inserted.countDown();
                await(commit);
            }));
            await(inserted);
            Future<ExtractableResponse<Response>> thisHandOver = pool.submit(() -> handOver(request).extract());
            LockWaits.awaitASessionWaitingForALock(em, "insert into certificate%",
                    "the hand-over's certificate insert never waited for the other transaction");
            commit.countDown();
            otherHandOver.get(30, TimeUnit.SECONDS);

            ExtractableResponse<Response> answer = thisHandOver.get(30, TimeUnit.SECONDS);
            assertEquals(422, answer.statusCode(), answer.asString());
            assertEquals("key-already-certified", answer.path("code"));
            assertTrue(answer.<String>path("detail").contains("loginCsr"));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    /** Parallel hand-overs of one key, each attested for its own token: one certificate, the others refused, no 500. */
    @Test
    void parallelHandOversOfOneKeyCertifyItOnce() throws Exception {
        String csr = Csrs.ecP256();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), csr, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try {
            List<Callable<ExtractableResponse<Response>>> calls = requests.stream()
                    .<Callable<ExtractableResponse<Response>>>map(request -> () -> handOver(request).extract()).toList();
            for (Future<ExtractableResponse<Response>> answer : pool.invokeAll(calls)) {
                statuses.add(answer.get().statusCode());
                codes.add(answer.get().statusCode() == 201 ? "created" : answer.get().path("code"));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses + " " + codes);
        assertEquals(3, codes.stream().filter("key-already-certified"::equals).count(), statuses + " " + codes);
    }

    // --- certificates from before key hashes ----------------------------------------------------------------------

    @Test
    void certificatesIssuedBeforeKeyHashesGetTheirHashAndOneKeyCertifiedTwiceIsLeftForRevocation() {
        Holder a = holderWithCertifiedKeys(false);
        String hash = KeyAttestation.publicKeySha256(a.loginKey().getPublic());
        X509Certificate second = ca.issuer().issue(ca.csrVerifier().verify(a.loginCsr()),
                new CertificateSubject("Kovács Éva", a.customerId(), "Példa, Kft.", a.csn()), CertificateUsage.LOGIN,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Instant.now().plus(1, ChronoUnit.DAYS));
        String secondSerial = second.getSerialNumber().toString(16).toUpperCase();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update certificate set public_key_sha256 = null where csn = ?1").setParameter(1, a.csn()).executeUpdate();
            em.createNativeQuery("""
                    insert into certificate (serial_number, csn, customer_id, usage, subject_dn, key_description, not_before,
                        not_after, status, revoked_at, revocation_reason, sha256_fingerprint, pem, issued_by)
                    select ?2, csn, customer_id, usage, subject_dn, key_description, not_before + interval '1 second', not_after,
                        'REVOKED', now(), 'SUPERSEDED', ?3, ?4, issued_by
                    from certificate where csn = ?1""")
                    .setParameter(1, a.csn()).setParameter(2, secondSerial)
                    .setParameter(3, CertificateIssuer.fingerprintSha256(second)).setParameter(4, CertificateIssuer.toPem(second))
                    .executeUpdate();
        });

        backfill.backfill();

        List<?> hashes = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select public_key_sha256 from certificate where csn = ?1 order by not_before").setParameter(1, a.csn()).getResultList());
        assertEquals(hash, hashes.get(0), "the first certificate of the key holds its hash again");
        assertNull(hashes.get(1), "the second certificate of one key is reported, not given the hash");
        handOver(handOverRequest(Fixtures.user(false), Fixtures.tokenInStock(), a.loginCsr(), null)).statusCode(422)
                .body("code", equalTo("key-already-certified"));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void nothingHandedOver(String csn) {
        given().get("/tokens/" + csn).then().statusCode(200).body("state", equalTo("IN_STOCK"));
        given().get("/tokens/" + csn + "/certificates").then().statusCode(200).body("$", hasSize(0));
    }

    /** The refusal is in the audit log with the officer, on the token, although the hand-over rolled back. */
    private static String assertRefusalAudited(String csn, String reason) {
        // The test's own lookups of the token are audited too (token.viewed); what was done to it is the refusal alone.
        ExtractableResponse<Response> entries = given().queryParam("subjectId", csn).get("/audit").then().statusCode(200)
                .body("findAll { !it.action.endsWith('viewed') }.action", equalTo(List.of("certificate.refused")))
                .body("actor", everyItem(equalTo("officer.kiss")))
                .body("subjectType", everyItem(equalTo("token")))
                .extract();
        given().get("/audit/verification").then().statusCode(200).body("intact", equalTo(true));
        String details = entries.path("find { it.action == 'certificate.refused' }.details");
        assertTrue(details.contains("\"reason\":\"" + reason + "\""), details);
        return details;
    }

    /** A proof-of-possession CSR for {@code key} whose public key is written with a compressed point. */
    private static String csrWithCompressedPoint(KeyPair key) throws Exception {
        SubjectPublicKeyInfo uncompressed = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        ECPublicKeyParameters point = (ECPublicKeyParameters) PublicKeyFactory.createKey(uncompressed);
        SubjectPublicKeyInfo compressed = new SubjectPublicKeyInfo(uncompressed.getAlgorithm(), point.getQ().getEncoded(true));
        var request = new PKCS10CertificationRequestBuilder(new X500Name("CN=token"), compressed)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(request);
        }
        return out.toString();
    }
}
