package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.Fixtures;
import hu.tokenplatform.registry.OcspMessages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's OCSP responder (RFC 6960) over HTTP, read back with Bouncy Castle and with {@code openssl ocsp}. */
@QuarkusTest
@TestSecurity(user = "officer.kiss", roles = "branch-officer")
class OcspResponderTest {

    private static final String OCSP_REQUEST = "application/ocsp-request";
    private static final String OCSP_RESPONSE = "application/ocsp-response";

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    @Inject
    OcspAnswerGate gate;

    @TempDir
    Path dir;

    @Test
    void liveCertificateIsGoodInASignedAnswerThatEchoesTheNonce() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        X509Certificate certificate = loginCertificate(holder[1]);
        byte[] nonce = OcspMessages.nonce(32);
        CertificateID id = OcspMessages.certId(issuingCa(), certificate.getSerialNumber());

        Response http = post(OcspMessages.request(id, nonce));

        http.then().statusCode(200).contentType(OCSP_RESPONSE).header("Cache-Control", containsString("no-store"));
        BasicOCSPResp answer = verifiedAnswer(http.asByteArray());
        SingleResp single = only(answer);
        assertEquals(id, single.getCertID());
        assertEquals(CertificateStatus.GOOD, single.getCertStatus());
        assertArrayEquals(nonce, OcspMessages.echoedNonce(answer));
        Instant thisUpdate = single.getThisUpdate().toInstant();
        assertTrue(Duration.between(thisUpdate, Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0, "thisUpdate is now: " + thisUpdate);
        assertEquals(thisUpdate, answer.getProducedAt().toInstant());
        assertEquals(currentCrl().getNextUpdate().toInstant(), single.getNextUpdate().toInstant(), "nextUpdate is the CRL's");
    }

    @Test
    void revokedCertificateIsRevokedWithTheRevocationTimeAndCrlReasonAsSoonAsTheRevokeCallReturns() throws Exception {
        String[] lost = Fixtures.userWithToken(true);
        String[] returned = Fixtures.userWithToken(false);
        List<X509Certificate> lostCertificates = certificates(lost[1]);
        X509Certificate returnedCertificate = loginCertificate(returned[1]);

        revoke(lost[1], "LOST");
        revoke(returned[1], "RETURNED");

        List<CertificateID> ids = new ArrayList<>();
        lostCertificates.forEach(c -> ids.add(OcspMessages.certId(issuingCa(), c.getSerialNumber())));
        ids.add(OcspMessages.certId(issuingCa(), returnedCertificate.getSerialNumber()));
        BasicOCSPResp answer = verifiedAnswer(post(OcspMessages.request(ids)).then().statusCode(200).extract().asByteArray());
        SingleResp[] singles = answer.getResponses();
        assertEquals(3, singles.length, "one answer per certificate asked about, login and signing of the lost token");
        Map<String, Instant> revokedAt = revocationTimes(lost[1]);
        for (int i = 0; i < 2; i++) {
            assertEquals(ids.get(i), singles[i].getCertID());
            RevokedStatus status = assertInstanceOf(RevokedStatus.class, singles[i].getCertStatus());
            assertEquals(CRLReason.keyCompromise, status.getRevocationReason());
            assertEquals(revokedAt.get(ids.get(i).getSerialNumber().toString(16).toUpperCase()).truncatedTo(ChronoUnit.SECONDS),
                    status.getRevocationTime().toInstant());
        }
        RevokedStatus returnedStatus = assertInstanceOf(RevokedStatus.class, singles[2].getCertStatus());
        assertEquals(CRLReason.cessationOfOperation, returnedStatus.getRevocationReason());
    }

    @Test
    void serialTheRegistryNeverIssuedIsUnknown() throws Exception {
        CertificateID id = OcspMessages.certId(issuingCa(), new BigInteger(127, new java.security.SecureRandom()).setBit(126));

        SingleResp single = only(verifiedAnswer(post(OcspMessages.request(id, OcspMessages.nonce(16))).asByteArray()));

        assertInstanceOf(UnknownStatus.class, single.getCertStatus());
    }

    @Test
    void anotherIssuersCertIdIsUnknownEvenWithTheSerialOfOneOfOurCertificates() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        BigInteger ourSerial = loginCertificate(holder[1]).getSerialNumber();
        X509Certificate otherCa = selfSignedCa("CN=Token Issuing CA,O=Another Bank,C=HU");
        X509Certificate sameNameOtherKey = selfSignedCa(issuingCa().getSubjectX500Principal().getName());

        BasicOCSPResp answer = verifiedAnswer(post(OcspMessages.request(List.of(
                OcspMessages.certId(otherCa, ourSerial), OcspMessages.certId(sameNameOtherKey, ourSerial)))).asByteArray());

        for (SingleResp single : answer.getResponses()) {
            assertInstanceOf(UnknownStatus.class, single.getCertStatus());
        }
    }

    /**
     * The attack: ask about a serial of ours once under our issuer and once under a foreign one in one request. Each
     * CertID is judged on its own issuer hashes, so only ours is answered with our certificate's status.
     */
    @Test
    void certIdOfAnotherIssuerIsUnknownEvenBesideOurCertIdForTheSameSerialInOneRequest() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        BigInteger ourSerial = loginCertificate(holder[1]).getSerialNumber();
        CertificateID ours = OcspMessages.certId(issuingCa(), ourSerial);
        CertificateID ourSha256 = OcspMessages.certId(NISTObjectIdentifiers.id_sha256, issuingCa(), ourSerial);
        CertificateID otherIssuer = OcspMessages.certId(selfSignedCa("CN=Token Issuing CA,O=Another Bank,C=HU"), ourSerial);
        CertificateID sameNameOtherKey = OcspMessages.certId(NISTObjectIdentifiers.id_sha256,
                selfSignedCa(issuingCa().getSubjectX500Principal().getName()), ourSerial);
        // Our SHA-1 issuer hashes labelled SHA-256: the hashes must be those of the CertID's own algorithm.
        CertificateID ourSha1HashesUnderSha256 = new CertificateID(new CertID(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new DEROctetString(ours.getIssuerNameHash()), new DEROctetString(ours.getIssuerKeyHash()), new ASN1Integer(ourSerial)));
        // Our name hash with another issuer's key hash.
        CertificateID ourNameOtherKeyHash = new CertificateID(new CertID(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1),
                new DEROctetString(ours.getIssuerNameHash()), new DEROctetString(otherIssuer.getIssuerKeyHash()), new ASN1Integer(ourSerial)));

        BasicOCSPResp answer = verifiedAnswer(post(OcspMessages.request(List.of(ours, otherIssuer, ourSha256, sameNameOtherKey,
                ourSha1HashesUnderSha256, ourNameOtherKeyHash))).asByteArray());

        SingleResp[] singles = answer.getResponses();
        assertEquals(6, singles.length);
        assertEquals(CertificateStatus.GOOD, singles[0].getCertStatus(), "our CertID");
        assertInstanceOf(UnknownStatus.class, singles[1].getCertStatus(), "another issuer's CertID");
        assertEquals(CertificateStatus.GOOD, singles[2].getCertStatus(), "our CertID hashed with SHA-256");
        assertInstanceOf(UnknownStatus.class, singles[3].getCertStatus(), "an issuer of our name with another key");
        assertInstanceOf(UnknownStatus.class, singles[4].getCertStatus(), "our SHA-1 hashes under another algorithm");
        assertInstanceOf(UnknownStatus.class, singles[5].getCertStatus(), "our name hash with another key hash");
    }

    @Test
    void certIdHashedWithSha256IsAnsweredToo() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        CertificateID id = OcspMessages.certId(NISTObjectIdentifiers.id_sha256, issuingCa(), loginCertificate(holder[1]).getSerialNumber());

        SingleResp single = only(verifiedAnswer(post(OcspMessages.request(id, null)).asByteArray()));

        assertEquals(id, single.getCertID());
        assertEquals(CertificateStatus.GOOD, single.getCertStatus());
    }

    @Test
    void malformedOrOversizedRequestsAreAnsweredMalformedRequestUnsignedAndNotStored() {
        CertificateID id = OcspMessages.certId(issuingCa(), BigInteger.TEN);
        byte[] valid = OcspMessages.request(id, OcspMessages.nonce(16));
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        List<CertificateID> eleven = Collections.nCopies(11, id);
        Extension criticalUnknown = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.9.9"), true, new byte[]{5, 0});
        Map<String, byte[]> requests = Map.of(
                "junk", "not an OCSP request".getBytes(StandardCharsets.US_ASCII),
                "empty", new byte[0],
                "trailing bytes after the request", trailing,
                "more than 4 KiB", OcspMessages.request(List.of(id), new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.9.8"),
                        false, new DEROctetString(new byte[5000]))),
                "eleven certificates", OcspMessages.request(eleven),
                "nonce of 33 bytes", OcspMessages.request(id, OcspMessages.nonce(33)),
                "empty nonce", OcspMessages.request(List.of(id), OcspMessages.nonceExtension(new byte[0])),
                "unknown critical extension", OcspMessages.request(List.of(id), criticalUnknown));

        requests.forEach((what, request) -> {
            Response http = post(request);
            http.then().statusCode(200).contentType(OCSP_RESPONSE).header("Cache-Control", containsString("no-store"));
            OCSPResp response = OcspMessages.response(http.asByteArray());
            assertEquals(OCSPResp.MALFORMED_REQUEST, response.getStatus(), what);
            assertNull(response.toASN1Structure().getResponseBytes(), what + ": error answers carry no response bytes");
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("registry_ocsp_responses_total{status=\"malformedRequest\"}"));
    }

    /**
     * A body declared larger than 4 KiB is answered at once, without reading (or waiting for) the rest of it: the
     * client sends the headers and a few bytes of a declared megabyte and then nothing more.
     */
    @Test
    void bodyDeclaredLargerThan4KiBIsAnsweredMalformedRequestWithoutReadingIt() throws Exception {
        try (Socket socket = new Socket(ocspUrl.getHost(), ocspUrl.getPort())) {
            // Only a bound for a broken server, which would wait for the rest of the body: the answer comes at once.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ocsp HTTP/1.1\r\nHost: " + ocspUrl.getHost() + "\r\nContent-Type: " + OCSP_REQUEST
                    + "\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64]);
            out.flush();

            RawHttpResponse response = RawHttpResponse.read(socket.getInputStream());

            assertEquals(200, response.status());
            assertEquals(OCSP_RESPONSE, response.header("content-type"));
            assertEquals(OCSPResp.MALFORMED_REQUEST, OcspMessages.response(response.body()).getStatus());
        }
    }

    /** A chunked body, which declares no length, is read no further than one byte past the limit. */
    @Test
    void chunkedBodyLargerThan4KiBIsAnsweredMalformedRequest() throws Exception {
        byte[] valid = OcspMessages.request(OcspMessages.certId(issuingCa(), BigInteger.TEN), null);
        byte[] oversized = java.util.Arrays.copyOf(valid, 64 * 1024);
        HttpRequest request = HttpRequest.newBuilder(ocspUrl.toURI()).header("Content-Type", OCSP_REQUEST)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))).build();

        HttpResponse<byte[]> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals(OCSPResp.MALFORMED_REQUEST, OcspMessages.response(response.body()).getStatus());
        assertEquals(OCSPResp.SUCCESSFUL, OcspMessages.response(post(valid).asByteArray()).getStatus(),
                "the same request within the limit is answered");
    }

    /**
     * With every permit of the gate taken (as by as many slow answers in flight), a further request is answered
     * tryLater at once, unsigned and not stored, instead of queueing for a worker; once a permit is free it is answered.
     */
    @Test
    void beyondTheConcurrentAnswerCapTheResponderAnswersTryLaterAtOnce() {
        byte[] request = OcspMessages.request(OcspMessages.certId(issuingCa(), BigInteger.TEN), null);
        List<OcspAnswerGate.Permit> taken = new ArrayList<>();
        try {
            for (var permit = gate.tryEnter(); permit.isPresent(); permit = gate.tryEnter()) {
                taken.add(permit.get());
            }
            assertEquals(4, taken.size(), "registry.ca.ocsp-max-concurrent-answers defaults to 4");

            Response busy = post(request);

            busy.then().statusCode(200).contentType(OCSP_RESPONSE).header("Cache-Control", containsString("no-store"));
            OCSPResp response = OcspMessages.response(busy.asByteArray());
            assertEquals(OCSPResp.TRY_LATER, response.getStatus());
            assertNull(response.toASN1Structure().getResponseBytes(), "error answers carry no response bytes");
            taken.remove(0).close();
            assertEquals(OCSPResp.SUCCESSFUL, OcspMessages.response(post(request).asByteArray()).getStatus(),
                    "a free permit lets the next request in");
        } finally {
            taken.forEach(OcspAnswerGate.Permit::close);
        }
        given().get("/q/metrics").then().statusCode(200).body(containsString("registry_ocsp_responses_total{status=\"tryLater\"}"));
    }

    @Test
    void requestWithoutTheOcspContentTypeIsRefused() {
        given().contentType(ContentType.BINARY).body(OcspMessages.request(OcspMessages.certId(issuingCa(), BigInteger.TEN), null))
                .post("/ocsp").then().statusCode(415);
    }

    @Test
    void getFormTakesTheUrlEncodedBase64OfTheRequest() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        CertificateID id = OcspMessages.certId(issuingCa(), loginCertificate(holder[1]).getSerialNumber());
        byte[] nonce;
        String base64;
        do {  // a request whose base64 has the characters that must be URL-encoded
            nonce = OcspMessages.nonce(32);
            base64 = Base64.getEncoder().encodeToString(OcspMessages.request(id, nonce));
        } while (!base64.contains("/") || !base64.contains("+"));

        Response http = given().urlEncodingEnabled(false).get("/ocsp/" + URLEncoder.encode(base64, StandardCharsets.US_ASCII));

        http.then().statusCode(200).contentType(OCSP_RESPONSE);
        BasicOCSPResp answer = verifiedAnswer(http.asByteArray());
        assertEquals(CertificateStatus.GOOD, only(answer).getCertStatus());
        assertArrayEquals(nonce, OcspMessages.echoedNonce(answer));
    }

    @Test
    void answerWithoutNonceMayBeCachedForAMinuteAtMost() throws Exception {
        String[] holder = Fixtures.userWithToken(false);
        CertificateID id = OcspMessages.certId(issuingCa(), loginCertificate(holder[1]).getSerialNumber());
        String base64 = Base64.getEncoder().encodeToString(OcspMessages.request(id, null));

        Response http = given().urlEncodingEnabled(false).get("/ocsp/" + URLEncoder.encode(base64, StandardCharsets.US_ASCII));

        http.then().statusCode(200).header("Cache-Control", allOf(containsString("max-age=60"), containsString("must-revalidate"),
                not(containsString("no-store"))));
        assertNotNull(http.getHeader("Last-Modified"));
        assertNotNull(http.getHeader("Expires"));
        BasicOCSPResp answer = verifiedAnswer(http.asByteArray());
        assertNull(OcspMessages.echoedNonce(answer));
        assertEquals(CertificateStatus.GOOD, only(answer).getCertStatus());
    }

    @Test
    void getFormThatIsNotBase64IsMalformed() {
        for (String path : List.of("not-base64!", "AAAA", "QUJD", "MAA%3D")) {
            byte[] body = given().urlEncodingEnabled(false).get("/ocsp/" + path).then().statusCode(200).contentType(OCSP_RESPONSE)
                    .extract().asByteArray();
            assertEquals(OCSPResp.MALFORMED_REQUEST, OcspMessages.response(body).getStatus(), path);
        }
    }

    @Test
    @TestSecurity
    void responderIsPublic() {
        CertificateID id = OcspMessages.certId(issuingCa(), BigInteger.TEN);

        byte[] body = given().contentType(OCSP_REQUEST).body(OcspMessages.request(id, null)).post("/ocsp")
                .then().statusCode(200).extract().asByteArray();

        assertInstanceOf(UnknownStatus.class, only(OcspMessages.basic(body)).getCertStatus());
    }

    @Test
    void responderCertificateIsADelegatedOcspSigningCertificateOfTheIssuingCa() throws Exception {
        BasicOCSPResp answer = OcspMessages.basic(post(OcspMessages.request(OcspMessages.certId(issuingCa(), BigInteger.TEN), null)).asByteArray());
        List<X509Certificate> included = OcspMessages.certificates(answer);
        assertEquals(1, included.size(), "the responder's certificate, and only it");
        X509Certificate responder = included.get(0);

        responder.verify(issuingCa().getPublicKey());
        assertEquals(issuingCa().getSubjectX500Principal(), responder.getIssuerX500Principal());
        assertEquals(List.of(KeyPurposeId.id_kp_OCSPSigning.getId()), responder.getExtendedKeyUsage());
        assertNotNull(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()), "id-pkix-ocsp-nocheck");
        assertArrayEquals(new byte[]{5, 0}, new JcaX509CertificateHolder(responder)
                .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck).getExtnValue().getOctets(), "its value is NULL");
        boolean[] keyUsage = responder.getKeyUsage();
        assertTrue(keyUsage[0], "digitalSignature");
        for (int i = 1; i < keyUsage.length; i++) {
            assertFalse(keyUsage[i], "key usage bit " + i);
        }
        assertTrue(responder.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertEquals(-1, responder.getBasicConstraints(), "not a CA");
        Duration validity = Duration.between(responder.getNotBefore().toInstant(), responder.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(31)) <= 0, "short-lived: " + validity);
        assertTrue(answer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)));
    }

    @Test
    @TestSecurity(user = "officer.kiss", roles = {"branch-officer", "auditor"})
    void theResponderCertificateIsAudited() {
        BasicOCSPResp answer = OcspMessages.basic(post(OcspMessages.request(OcspMessages.certId(issuingCa(), BigInteger.TEN), null)).asByteArray());
        String serial = OcspMessages.certificates(answer).get(0).getSerialNumber().toString(16).toUpperCase();

        given().queryParam("subjectId", serial).get("/audit").then().statusCode(200)
                .body("action", hasItem("ca.ocsp-responder-certified"))
                .body("find { it.action == 'ca.ocsp-responder-certified' }.actor", equalTo("service:/token-registry"));
    }

    @Test
    void issuedCertificatesNameTheOcspResponderAndKeepTheCrlDistributionPoint() throws Exception {
        String[] holder = Fixtures.userWithToken(true);

        for (X509Certificate certificate : certificates(holder[1])) {
            AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions());
            assertNotNull(aia, "authority information access");
            AccessDescription[] descriptions = aia.getAccessDescriptions();
            assertEquals(1, descriptions.length);
            assertEquals(AccessDescription.id_ad_ocsp, descriptions[0].getAccessMethod());
            assertEquals(GeneralName.uniformResourceIdentifier, descriptions[0].getAccessLocation().getTagNo());
            assertEquals("http://ocsp.test.invalid/ocsp", descriptions[0].getAccessLocation().getName().toString());
            assertNotNull(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()), "CRL distribution point");
        }
    }

    @Test
    void issuingCaMaySignOnlyCertificatesAndCrls() {
        boolean[] keyUsage = issuingCa().getKeyUsage();

        assertFalse(keyUsage[0], "no digitalSignature");
        assertTrue(keyUsage[5], "keyCertSign");
        assertTrue(keyUsage[6], "cRLSign");
        for (int i = 0; i < keyUsage.length; i++) {
            assertTrue(i == 5 || i == 6 || !keyUsage[i], "key usage bit " + i);
        }
    }

    @Test
    void opensslAcceptsTheAnswersGoodRevokedWithReasonAndUnknown() throws Exception {
        String[] live = Fixtures.userWithToken(false);
        String[] stolen = Fixtures.userWithToken(false);
        revoke(stolen[1], "STOLEN");
        String chain = given().get("/ca/chain.pem").then().statusCode(200).extract().asString();
        String[] pems = chain.split("(?<=-----END CERTIFICATE-----\n)");
        Path issuing = write("issuing.pem", pems[0]);
        Path root = write("root.pem", pems[1]);
        Path liveCert = write("live.pem", loginPem(live[1]));
        Path stolenCert = write("stolen.pem", loginPem(stolen[1]));
        String neverIssued = "0x" + new BigInteger(127, new java.security.SecureRandom()).setBit(126).toString(16).toUpperCase();

        String output = openssl("ocsp", "-issuer", issuing.toString(), "-cert", liveCert.toString(), "-cert", stolenCert.toString(),
                "-serial", neverIssued, "-url", ocspUrl.toString(), "-CAfile", root.toString(), "-verify_other", issuing.toString(),
                "-resp_text");

        assertTrue(output.contains("Response verify OK"), output);
        assertFalse(output.contains("WARNING"), "no warning (nonce checked, times in range): " + output);
        assertTrue(output.contains(liveCert + ": good"), output);
        assertTrue(output.contains(stolenCert + ": revoked"), output);
        assertTrue(output.contains("Reason: keyCompromise"), output);
        assertTrue(output.contains(neverIssued + ": unknown"), output);
        assertTrue(output.contains("Response Type: Basic OCSP Response"), output);
        assertTrue(output.contains("OCSP Nonce"), output);
    }

    @Test
    void opensslRefusesTheAnswerWhenItTrustsAnotherRoot() throws Exception {
        String[] live = Fixtures.userWithToken(false);
        String chain = given().get("/ca/chain.pem").then().statusCode(200).extract().asString();
        Path issuing = write("issuing.pem", chain.split("(?<=-----END CERTIFICATE-----\n)")[0]);
        Path otherRoot = write("other-root.pem", pem(selfSignedCa("CN=Another Root,O=Another Bank,C=HU")));
        Path liveCert = write("live.pem", loginPem(live[1]));

        String output = openssl("ocsp", "-issuer", issuing.toString(), "-cert", liveCert.toString(), "-url", ocspUrl.toString(),
                "-CAfile", otherRoot.toString(), "-verify_other", issuing.toString());

        assertFalse(output.contains("Response verify OK"), output);
        assertTrue(output.contains("Response Verify Failure"), output);
    }

    // --- helpers ---

    /** An HTTP/1.1 response read off a socket: status line, headers, and a body of its Content-Length. */
    private record RawHttpResponse(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }

        static RawHttpResponse read(InputStream in) throws java.io.IOException {
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new java.io.EOFException("connection closed before the response headers ended");
                }
                head.write(next);
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            return new RawHttpResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static Response post(byte[] request) {
        return given().contentType(OCSP_REQUEST).body(request).post("/ocsp");
    }

    private static void revoke(String csn, String reason) {
        given().contentType(ContentType.JSON).body(Map.of("reason", reason)).post("/tokens/" + csn + "/revocation")
                .then().statusCode(200);
    }

    private static X509Certificate issuingCa() {
        return OcspMessages.issuingCa(given().get("/ca/chain.pem").then().statusCode(200).extract().asString());
    }

    /** The answer, after checking that the responder certificate it includes signed it and was issued by the issuing CA. */
    private static BasicOCSPResp verifiedAnswer(byte[] der) throws Exception {
        BasicOCSPResp answer = OcspMessages.basic(der);
        X509Certificate responder = OcspMessages.certificates(answer).get(0);
        responder.verify(issuingCa().getPublicKey());
        assertTrue(answer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)), "signed by the responder");
        return answer;
    }

    private static SingleResp only(BasicOCSPResp answer) {
        assertEquals(1, answer.getResponses().length);
        return answer.getResponses()[0];
    }

    private static List<X509Certificate> certificates(String csn) {
        List<String> pems = given().get("/tokens/" + csn + "/certificates").then().statusCode(200).extract().path("pem");
        return pems.stream().map(OcspMessages::certificate).toList();
    }

    private static Map<String, Instant> revocationTimes(String csn) {
        List<Map<String, String>> views = given().get("/tokens/" + csn + "/certificates").then().statusCode(200).extract().path("$");
        Map<String, Instant> times = new java.util.HashMap<>();
        views.forEach(v -> times.put(v.get("serialNumber"), Instant.parse(v.get("revokedAt"))));
        return times;
    }

    private static String loginPem(String csn) {
        return given().get("/tokens/" + csn + "/certificates").then().extract().path("find { it.usage == 'LOGIN' }.pem");
    }

    private static X509Certificate loginCertificate(String csn) {
        return OcspMessages.certificate(loginPem(csn));
    }

    private static X509CRL currentCrl() throws Exception {
        byte[] der = given().get("/ca/crl").then().statusCode(200).extract().asByteArray();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate selfSignedCa(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        var keys = generator.generateKeyPair();
        var name = new org.bouncycastle.asn1.x500.X500Name(subject);
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                java.util.Date.from(Instant.now().minusSeconds(60)), java.util.Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(
                        org.bouncycastle.asn1.x509.KeyUsage.keyCertSign | org.bouncycastle.asn1.x509.KeyUsage.cRLSign));
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA").build(keys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    /** Runs openssl and returns everything it printed; the caller asserts on the verdict. */
    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return output;
    }
}
