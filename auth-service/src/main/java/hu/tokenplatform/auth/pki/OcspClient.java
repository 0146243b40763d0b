package hu.tokenplatform.auth.pki;

import hu.tokenplatform.auth.config.AuthConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks token-registry's OCSP responder (RFC 6960) for the status of one token certificate: the direct channel for
 * when the event projection cannot be shown to be current. Every answer is checked before it is believed, and
 * anything short of a trustworthy answer is an {@link OcspUnavailableException}, on which the caller fails closed:
 *
 * <ul>
 *   <li>the responder's URL comes from configuration only ({@code auth.revocation.ocsp-url}), never from the
 *   certificate's authority information access, so no client can make this service fetch anything; no redirects,
 *   no proxy;</li>
 *   <li>one POST with a short deadline for the whole exchange ({@code ocsp-timeout}) and a bounded body
 *   ({@code ocsp-max-response-bytes}), {@code application/ocsp-response}, exactly one DER OCSPResponse, status
 *   successful, a basic response;</li>
 *   <li>signed by the pinned issuing CA itself, or by a responder certificate that CA issued, valid now, with
 *   id-kp-OCSPSigning (and digitalSignature where it has a key usage), not a CA; the responder id names the signer;
 *   ECDSA or RSA with SHA-2 only; checked with Bouncy Castle;</li>
 *   <li>a fresh 32-byte nonce per request (RFC 8954) that the answer must echo, so an answer made for another
 *   request (a replay) is refused;</li>
 *   <li>exactly one status, for the CertID asked (hash algorithm, issuer name and key hash, serial);</li>
 *   <li>thisUpdate neither ahead of the clock by more than {@code ocsp-clock-skew} nor older than
 *   {@code ocsp-max-age}; nextUpdate, where given, not passed; no critical extension it does not know.</li>
 * </ul>
 *
 * "Good" answers are kept per serial for {@code ocsp-cache-ttl}, counted from when the question was sent (under a
 * second, so the revocation bound holds); revoked answers are kept for good; failures are never kept. Blocking: call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class OcspClient {

    private static final Logger LOG = Logger.getLogger(OcspClient.class);
    private static final String OCSP_REQUEST = "application/ocsp-request";
    private static final String OCSP_RESPONSE = "application/ocsp-response";
    private static final int NONCE_BYTES = 32;
    /** An answer includes the responder's certificate; a few more would be odd, hundreds an attack on our time. */
    private static final int MAX_INCLUDED_CERTIFICATES = 4;
    private static final int CACHE_SWEEP_SIZE = 1024;
    private static final int CACHE_MAX_SIZE = 16 * 1024;
    private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS = Set.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption,
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha384WithRSAEncryption,
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha512WithRSAEncryption);
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /** What the client is told; see docs/auth-service.md for each. */
    public record Settings(URI url, Duration timeout, int maxResponseBytes, Duration maxAge, Duration clockSkew,
                           Duration cacheTtl) {

        public Settings {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("auth.revocation.ocsp-url must be http or https: " + url);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("auth.revocation.ocsp-timeout must be positive");
            }
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("auth.revocation.ocsp-max-response-bytes must be at least 1024");
            }
            if (maxAge.isNegative() || clockSkew.isNegative()) {
                throw new IllegalArgumentException("auth.revocation.ocsp-max-age and ocsp-clock-skew must not be negative");
            }
            if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofSeconds(1)) >= 0) {
                throw new IllegalArgumentException("auth.revocation.ocsp-cache-ttl must be under one second (the revocation "
                        + "bound is 1 s after the revoke call returns), 0 to keep nothing: " + cacheTtl);
            }
        }

        public static Settings of(AuthConfig.Revocation config) {
            return new Settings(config.ocspUrl(), config.ocspTimeout(), config.ocspMaxResponseBytes(), config.ocspMaxAge(),
                    config.ocspClockSkew(), config.ocspCacheTtl());
        }
    }

    private record Cached(OcspStatus status, long expiresAtNanos) {
    }

    private final Settings settings;
    private final X509Certificate issuingCa;
    private final X509CertificateHolder issuingCaHolder;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final DigestCalculatorProvider digests;
    private final SecureRandom random = new SecureRandom();
    private final Map<BigInteger, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public OcspClient(AuthConfig config, BankTrust trust, Clock clock, MeterRegistry meters) {
        this(Settings.of(config.revocation()), trust.issuingCa(), clock, meters);
    }

    public OcspClient(Settings settings, X509Certificate issuingCa, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.issuingCa = issuingCa;
        this.clock = clock;
        this.meters = meters;
        try {
            this.issuingCaHolder = new JcaX509CertificateHolder(issuingCa);
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Certificates.BC).build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("OCSP client cannot be set up", e);
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * The registry's answer for {@code certificate}, which must have been issued by the pinned issuing CA (validate
     * its path with {@link BankTrust} first).
     *
     * @throws OcspUnavailableException when no trustworthy answer can be had: fail closed
     */
    public OcspStatus status(X509Certificate certificate) throws OcspUnavailableException {
        if (!certificate.getIssuerX500Principal().equals(issuingCa.getSubjectX500Principal())) {
            throw new IllegalArgumentException("certificate not issued by the pinned issuing CA; validate it with BankTrust first");
        }
        return status(certificate.getSerialNumber());
    }

    /**
     * The registry's answer for the certificate with {@code serial} issued by the pinned issuing CA: for when only
     * the serial is at hand (a finished login, a redeemed code, a session).
     *
     * @throws OcspUnavailableException when no trustworthy answer can be had: fail closed
     */
    public OcspStatus status(BigInteger serial) throws OcspUnavailableException {
        Cached cached = cache.get(serial);
        if (cached != null && (cached.status() instanceof OcspStatus.Revoked || System.nanoTime() - cached.expiresAtNanos() < 0)) {
            return cached.status();
        }
        // The answer tells the state at some moment after this one: its reuse is counted from here, so that however
        // slow the exchange, a cached "good" is never older than the cache's time to live.
        long askedAt = System.nanoTime();
        try {
            OcspStatus status = ask(serial);
            count(outcome(status));
            remember(serial, status, askedAt);
            return status;
        } catch (OcspUnavailableException e) {
            count(e.reason().code());
            LOG.warnf("OCSP status of certificate %s not available from %s: %s", serial.toString(16).toUpperCase(java.util.Locale.ROOT),
                    settings.url(), e.getMessage());
            throw e;
        }
    }

    private OcspStatus ask(BigInteger serial) throws OcspUnavailableException {
        CertificateID asked = certificateId(serial);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Extension nonceExtension;
        byte[] request;
        try {
            nonceExtension = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded());
            request = new OCSPReqBuilder().addRequest(asked).setRequestExtensions(new Extensions(nonceExtension)).build().getEncoded();
        } catch (IOException | OCSPException e) {
            throw new IllegalStateException("OCSP request cannot be encoded", e);
        }
        BasicOCSPResp response = basicResponse(exchange(request));
        X509Certificate signer = trustedSigner(response);
        verifySignature(response, signer);
        checkNonce(response, nonceExtension);
        refuseUnknownCriticalExtensions(response.getCriticalExtensionOIDs(), "response");
        SingleResp single = onlyAnswerFor(response, asked);
        refuseUnknownCriticalExtensions(single.getCriticalExtensionOIDs(), "single response");
        Instant thisUpdate = checkTimes(single);
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new OcspStatus.Good(thisUpdate);
        }
        if (status instanceof RevokedStatus revoked) {
            CRLReason reason = CRLReason.UNSPECIFIED;
            if (revoked.hasRevocationReason()) {
                int code = revoked.getRevocationReason();
                reason = code >= 0 && code < CRLReason.values().length ? CRLReason.values()[code] : CRLReason.UNSPECIFIED;
            }
            return new OcspStatus.Revoked(thisUpdate, revoked.getRevocationTime().toInstant(), reason);
        }
        if (status instanceof UnknownStatus) {
            return new OcspStatus.Unknown(thisUpdate);
        }
        throw new OcspUnavailableException(OcspUnavailableException.Reason.NOT_OCSP, "certificate status of an unknown kind");
    }

    /** One POST; the deadline covers connecting, the headers and the whole body. */
    private byte[] exchange(byte[] request) throws OcspUnavailableException {
        HttpRequest post = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", OCSP_REQUEST)
                .header("Accept", OCSP_RESPONSE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(post, info -> new BoundedBody(settings.maxResponseBytes(),
                info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new OcspUnavailableException(OcspUnavailableException.Reason.TIMEOUT, "no answer within " + settings.timeout());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new OcspUnavailableException(OcspUnavailableException.Reason.UNREACHABLE, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof ResponseTooLarge) {
                throw new OcspUnavailableException(OcspUnavailableException.Reason.TOO_LARGE,
                        "answer larger than " + settings.maxResponseBytes() + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new OcspUnavailableException(OcspUnavailableException.Reason.TIMEOUT, "no answer within " + settings.timeout());
            }
            throw new OcspUnavailableException(OcspUnavailableException.Reason.UNREACHABLE,
                    cause == null ? "request failed" : cause.getClass().getSimpleName());
        }
        if (response.statusCode() != 200) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.HTTP_STATUS, "HTTP " + response.statusCode());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        if (!OCSP_RESPONSE.equals(mediaType)) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.NOT_OCSP, "content type is not " + OCSP_RESPONSE);
        }
        return response.body();
    }

    private static BasicOCSPResp basicResponse(byte[] der) throws OcspUnavailableException {
        OCSPResp response;
        try {
            // fromByteArray refuses trailing bytes after the first object.
            response = new OCSPResp(OCSPResponse.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (IOException | RuntimeException e) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.NOT_OCSP, "not a DER OCSPResponse");
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.RESPONDER_ERROR,
                    "responder status " + responseStatusName(response.getStatus()));
        }
        try {
            if (response.getResponseObject() instanceof BasicOCSPResp basic) {
                return basic;
            }
        } catch (OCSPException | RuntimeException e) {
            // falls through to the refusal below
        }
        throw new OcspUnavailableException(OcspUnavailableException.Reason.NOT_OCSP, "not a basic OCSP response");
    }

    /**
     * The certificate whose key must have signed: the pinned issuing CA when the responder id names it, otherwise the
     * included certificate the responder id names, which must be a responder the issuing CA delegated to, valid now.
     */
    private X509Certificate trustedSigner(BasicOCSPResp response) throws OcspUnavailableException {
        RespID responderId = response.getResponderId();
        if (names(responderId, issuingCaHolder)) {
            return issuingCa;
        }
        X509CertificateHolder[] included = response.getCerts();
        if (included.length > MAX_INCLUDED_CERTIFICATES) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_UNTRUSTED, "too many certificates included");
        }
        X509CertificateHolder named = null;
        for (X509CertificateHolder candidate : included) {
            if (names(responderId, candidate)) {
                named = candidate;
                break;
            }
        }
        if (named == null) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_UNTRUSTED,
                    "neither the issuing CA nor an included certificate is the responder the answer names");
        }
        X509Certificate responder;
        try {
            responder = new JcaX509CertificateConverter().setProvider(Certificates.BC).getCertificate(named);
        } catch (GeneralSecurityException e) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_UNTRUSTED, "responder certificate unreadable");
        }
        if (!responder.getIssuerX500Principal().equals(issuingCa.getSubjectX500Principal())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_UNTRUSTED,
                    "responder certificate not issued by the issuing CA");
        }
        try {
            responder.verify(issuingCa.getPublicKey(), Certificates.BC);
        } catch (GeneralSecurityException e) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_UNTRUSTED,
                    "responder certificate not signed by the issuing CA");
        }
        try {
            List<String> purposes = responder.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(OCSP_SIGNING)) {
                throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_NOT_AUTHORISED,
                        "responder certificate without id-kp-OCSPSigning");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_NOT_AUTHORISED,
                    "responder certificate with an unreadable extended key usage");
        }
        boolean[] keyUsage = responder.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_NOT_AUTHORISED,
                    "responder certificate without digitalSignature");
        }
        if (responder.getBasicConstraints() >= 0) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_NOT_AUTHORISED, "responder certificate is a CA");
        }
        Instant now = clock.instant();
        if (now.isBefore(responder.getNotBefore().toInstant()) || now.isAfter(responder.getNotAfter().toInstant())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNER_NOT_AUTHORISED,
                    "responder certificate outside its validity period");
        }
        return responder;
    }

    /** A responder id names a certificate by its subject or by the SHA-1 of its public key (RFC 6960, 4.2.1). */
    private boolean names(RespID responderId, X509CertificateHolder certificate) throws OcspUnavailableException {
        try {
            return responderId.equals(new RespID(certificate.getSubject()))
                    || responderId.equals(new RespID(certificate.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("responder id cannot be computed", e);
        }
    }

    private static void verifySignature(BasicOCSPResp response, X509Certificate signer) throws OcspUnavailableException {
        if (!SIGNATURE_ALGORITHMS.contains(response.getSignatureAlgOID())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNATURE_INVALID,
                    "signature algorithm " + response.getSignatureAlgOID() + " not accepted");
        }
        boolean valid;
        try {
            valid = response.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Certificates.BC)
                    .build(signer.getPublicKey()));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.SIGNATURE_INVALID,
                    "signature does not verify with the responder's key");
        }
    }

    private static void checkNonce(BasicOCSPResp response, Extension sent) throws OcspUnavailableException {
        Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.NONCE_MISSING, "the answer does not echo the nonce");
        }
        if (!MessageDigest.isEqual(sent.getExtnValue().getOctets(), echoed.getExtnValue().getOctets())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.NONCE_MISMATCH,
                    "the answer carries another request's nonce");
        }
    }

    private static SingleResp onlyAnswerFor(BasicOCSPResp response, CertificateID asked) throws OcspUnavailableException {
        SingleResp[] answers = response.getResponses();
        if (answers.length != 1) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.CERT_ID_MISMATCH,
                    answers.length + " statuses for one certificate asked about");
        }
        CertificateID answered = answers[0].getCertID();
        if (!answered.getHashAlgOID().equals(asked.getHashAlgOID())
                || !MessageDigest.isEqual(answered.getIssuerNameHash(), asked.getIssuerNameHash())
                || !MessageDigest.isEqual(answered.getIssuerKeyHash(), asked.getIssuerKeyHash())
                || !answered.getSerialNumber().equals(asked.getSerialNumber())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.CERT_ID_MISMATCH,
                    "the status is for another certificate or issuer");
        }
        return answers[0];
    }

    private Instant checkTimes(SingleResp single) throws OcspUnavailableException {
        Instant now = clock.instant();
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(settings.clockSkew()))) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.THIS_UPDATE_IN_FUTURE,
                    "thisUpdate " + thisUpdate + " is ahead of this clock");
        }
        if (thisUpdate.isBefore(now.minus(settings.maxAge()))) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.THIS_UPDATE_TOO_OLD,
                    "thisUpdate " + thisUpdate + " older than " + settings.maxAge());
        }
        if (single.getNextUpdate() != null && !now.isBefore(single.getNextUpdate().toInstant())) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.NEXT_UPDATE_PASSED,
                    "nextUpdate " + single.getNextUpdate().toInstant() + " has passed");
        }
        return thisUpdate;
    }

    private static void refuseUnknownCriticalExtensions(Set<?> critical, String where) throws OcspUnavailableException {
        if (!critical.isEmpty()) {
            throw new OcspUnavailableException(OcspUnavailableException.Reason.UNSUPPORTED_CRITICAL_EXTENSION,
                    "critical extension in the " + where);
        }
    }

    private CertificateID certificateId(BigInteger serial) {
        try {
            return new CertificateID(digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), issuingCaHolder, serial);
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("OCSP CertID cannot be computed", e);
        }
    }

    /**
     * A revocation is final (the bank CA never puts a certificate on hold), so a revoked answer is kept for good and
     * never replaced, not even by a "good" that an older, slower exchange brings in after it.
     */
    private void remember(BigInteger serial, OcspStatus status, long askedAt) {
        if (settings.cacheTtl().isZero() && !(status instanceof OcspStatus.Revoked)) {
            return;
        }
        if (cache.size() >= CACHE_SWEEP_SIZE) {
            long now = System.nanoTime();
            cache.values().removeIf(entry -> !(entry.status() instanceof OcspStatus.Revoked) && now - entry.expiresAtNanos() >= 0);
            if (cache.size() >= CACHE_MAX_SIZE) {
                // Only revoked answers are left: forgetting them costs a question to the registry, not safety.
                cache.clear();
            }
        }
        Cached fresh = new Cached(status, askedAt + settings.cacheTtl().toNanos());
        cache.merge(serial, fresh, (kept, offered) -> kept.status() instanceof OcspStatus.Revoked
                || !(offered.status() instanceof OcspStatus.Revoked) && kept.expiresAtNanos() - offered.expiresAtNanos() > 0
                ? kept : offered);
    }

    private void count(String outcome) {
        meters.counter("auth.ocsp.requests", "outcome", outcome).increment();
    }

    private static String outcome(OcspStatus status) {
        if (status instanceof OcspStatus.Good) {
            return "good";
        }
        return status instanceof OcspStatus.Revoked ? "revoked" : "unknown";
    }

    private static String responseStatusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + status;
        };
    }

    /** The body is read only up to the limit: a larger one fails the exchange without being held in memory. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final long declaredLength;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit, long declaredLength) {
            this.limit = limit;
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength > limit) {
                subscription.cancel();
                result.completeExceptionally(new ResponseTooLarge());
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLarge());
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }

    private static final class ResponseTooLarge extends IOException {
        ResponseTooLarge() {
            super("OCSP answer too large", null);
        }
    }
}
