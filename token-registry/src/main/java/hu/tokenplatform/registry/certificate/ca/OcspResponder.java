package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers RFC 6960 OCSP requests about the issuing CA's certificates, signed by the delegated responder of
 * {@link CaKeys}. Pure protocol: what the registry knows of a serial comes from a {@link Registry} the caller
 * passes in, so that the answer is read from the database at the moment of the request.
 *
 * <ul>
 *   <li>A request is refused as {@code malformedRequest} (unsigned, as RFC 6960 requires for error statuses) when
 *   it is empty, larger than {@link #MAX_REQUEST_BYTES}, not exactly one DER OCSPRequest, not version 1, asks about
 *   no certificate or more than {@link #MAX_CERTIFICATES_PER_REQUEST}, carries a critical extension other than the
 *   nonce, or a nonce of 0 or more than 32 octets (RFC 8954).</li>
 *   <li>Each CertID is answered on its own: {@code good} or {@code revoked} (time and CRL reason) for a serial the
 *   registry issued; {@code unknown} for a serial it never issued and for a CertID naming another issuer (RFC 6960,
 *   2.2: "unknown" is the answer for an issuer this responder does not serve; {@code unauthorized} would refuse
 *   the whole request, including the CertIDs this responder does serve) or hashed with an algorithm other than
 *   SHA-1 or SHA-2.</li>
 *   <li>The nonce extension is echoed unchanged; producedAt and thisUpdate are now, nextUpdate is the caller's
 *   (the current CRL's); all times in whole seconds (RFC 5019, 2.2.4).</li>
 * </ul>
 * Request signatures are not required and not checked: the status of a certificate is public, like the CRL.
 */
public final class OcspResponder {

    /** An OCSP request about a handful of certificates is a few hundred bytes. */
    public static final int MAX_REQUEST_BYTES = 4096;
    public static final int MAX_CERTIFICATES_PER_REQUEST = 10;
    static final int MAX_NONCE_BYTES = 32;
    /** Serials of this CA are positive and at most 20 octets (RFC 5280); anything else cannot be ours. */
    private static final int MAX_SERIAL_BITS = 159;
    private static final List<ASN1ObjectIdentifier> CERT_ID_HASHES = List.of(OIWObjectIdentifiers.idSHA1,
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    /** What the registry's database says of a certificate it issued; {@code revokedAt} is null while it is valid. */
    public record IssuedCertificate(Instant revokedAt, RevocationReason reason) {
    }

    /** The registry's own records, read when a request is answered. */
    public interface Registry {
        /** What the registry knows of these serials; serials it never issued are absent from the answer. */
        Map<BigInteger, IssuedCertificate> lookup(Set<BigInteger> serials);

        /** Until when an answer may be relied on: the current CRL's nextUpdate. */
        Instant nextUpdate();
    }

    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    /**
     * The DER OCSPResponse to send. {@code responseStatus} is the OCSPResponseStatus name ({@code successful},
     * {@code malformedRequest}, {@code internalError}, {@code tryLater}); {@code statuses} one per CertID asked
     * about; {@code nonce} whether the request carried one (the answer is then single-use).
     */
    public record Answer(byte[] der, String responseStatus, List<Status> statuses, boolean nonce, Instant thisUpdate,
                         Instant nextUpdate) {

        public boolean successful() {
            return "successful".equals(responseStatus);
        }
    }

    /** The issuer name and key hash of the issuing CA under one hash algorithm. */
    private record IssuerHashes(byte[] nameHash, byte[] keyHash) {
    }

    private static final Logger LOG = Logger.getLogger(OcspResponder.class);

    private final CaKeys ca;
    private final Map<ASN1ObjectIdentifier, IssuerHashes> issuerHashes = new HashMap<>();
    private final DigestCalculatorProvider digests;

    public OcspResponder(CaKeys ca) {
        this.ca = ca;
        try {
            digests = new JcaDigestCalculatorProviderBuilder().setProvider(BankCrypto.PROVIDER).build();
            X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.issuingCertificate());
            for (ASN1ObjectIdentifier hash : CERT_ID_HASHES) {
                CertificateID id = new CertificateID(digests.get(new AlgorithmIdentifier(hash)), issuer, BigInteger.ONE);
                issuerHashes.put(hash, new IssuerHashes(id.getIssuerNameHash(), id.getIssuerKeyHash()));
            }
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IllegalStateException("OCSP issuer hashes cannot be computed", e);
        }
    }

    /** Answers one DER-encoded OCSPRequest. */
    public Answer answer(byte[] request, Registry registry, Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        OCSPReq parsed;
        Extension nonce;
        try {
            parsed = parse(request);
            nonce = nonce(parsed);
        } catch (MalformedRequest e) {
            return error(OCSPRespBuilder.MALFORMED_REQUEST, "malformedRequest", thisUpdate);
        }
        Req[] asked = parsed.getRequestList();
        // Decided per CertID, never per serial: a CertID naming another issuer with the serial of one of ours must
        // not get our certificate's status because another CertID of the same request names us.
        boolean[] ourIssuer = new boolean[asked.length];
        Set<BigInteger> ours = new HashSet<>();
        for (int i = 0; i < asked.length; i++) {
            ourIssuer[i] = isOurs(asked[i].getCertID());
            if (ourIssuer[i]) {
                ours.add(asked[i].getCertID().getSerialNumber());
            }
        }
        Map<BigInteger, IssuedCertificate> known;
        Instant nextUpdate;
        try {
            known = ours.isEmpty() ? Map.of() : registry.lookup(ours);
            nextUpdate = registry.nextUpdate().truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.warnf(e, "OCSP request answered tryLater: the registry's records cannot be read");
            return error(OCSPRespBuilder.TRY_LATER, "tryLater", thisUpdate);
        }
        try {
            CaKeys.Responder responder = ca.responder();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    SubjectPublicKeyInfo.getInstance(responder.certificate().getPublicKey().getEncoded()),
                    digests.get(CertificateID.HASH_SHA1)));
            List<Status> statuses = new ArrayList<>();
            Date next = Date.from(nextUpdate);
            for (int i = 0; i < asked.length; i++) {
                CertificateID id = asked[i].getCertID();
                IssuedCertificate issued = ourIssuer[i] ? known.get(id.getSerialNumber()) : null;
                if (issued == null) {
                    builder.addResponse(id, new UnknownStatus(), Date.from(thisUpdate), next, null);
                    statuses.add(Status.UNKNOWN);
                } else if (issued.revokedAt() == null) {
                    builder.addResponse(id, CertificateStatus.GOOD, Date.from(thisUpdate), next, null);
                    statuses.add(Status.GOOD);
                } else {
                    builder.addResponse(id, new RevokedStatus(Date.from(issued.revokedAt().truncatedTo(ChronoUnit.SECONDS)),
                            issued.reason().code()), Date.from(thisUpdate), next, null);
                    statuses.add(Status.REVOKED);
                }
            }
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(
                    new JcaContentSignerBuilder(BankCrypto.CA_SIGNATURE_ALGORITHM).setProvider(BankCrypto.PROVIDER).build(responder.key()),
                    new X509CertificateHolder[]{new JcaX509CertificateHolder(responder.certificate())}, Date.from(thisUpdate));
            byte[] der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            return new Answer(der, "successful", List.copyOf(statuses), nonce != null, thisUpdate, nextUpdate);
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            LOG.errorf(e, "OCSP request answered internalError: the answer cannot be signed");
            return error(OCSPRespBuilder.INTERNAL_ERROR, "internalError", thisUpdate);
        }
    }

    /** The answer to a request too large to be read: {@code malformedRequest}, as for one that was read and refused. */
    public static Answer oversized(Instant now) {
        return error(OCSPRespBuilder.MALFORMED_REQUEST, "malformedRequest", now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The answer while the responder is signing as many answers as it may at once: {@code tryLater}, unsigned. */
    public static Answer busy(Instant now) {
        return error(OCSPRespBuilder.TRY_LATER, "tryLater", now.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Exactly one DER OCSPRequest, version 1, one to {@link #MAX_CERTIFICATES_PER_REQUEST} CertIDs. */
    private static OCSPReq parse(byte[] request) throws MalformedRequest {
        if (request == null || request.length == 0 || request.length > MAX_REQUEST_BYTES) {
            throw new MalformedRequest();
        }
        OCSPReq parsed;
        try {
            // fromByteArray refuses trailing bytes after the first object.
            OCSPRequest structure = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(request));
            parsed = new OCSPReq(structure);
            if (parsed.getVersionNumber() != 1) {
                throw new MalformedRequest();
            }
            Req[] asked = parsed.getRequestList();
            if (asked.length == 0 || asked.length > MAX_CERTIFICATES_PER_REQUEST) {
                throw new MalformedRequest();
            }
            refuseUnknownCriticalExtensions(structure.getTbsRequest().getRequestExtensions());
            for (Req single : asked) {
                refuseUnknownCriticalExtensions(single.getSingleRequestExtensions());
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports structural errors as IllegalArgumentException, ClassCastException and the like.
            throw new MalformedRequest();
        }
        return parsed;
    }

    private static void refuseUnknownCriticalExtensions(Extensions extensions) throws MalformedRequest {
        if (extensions == null) {
            return;
        }
        for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
            if (!OCSPObjectIdentifiers.id_pkix_ocsp_nonce.equals(oid)) {
                throw new MalformedRequest();
            }
        }
    }

    /**
     * The request's nonce extension, to be echoed unchanged; null without one. RFC 8954 wraps the nonce in an
     * OCTET STRING inside extnValue; older clients put the bytes there directly, and both are accepted.
     */
    private static Extension nonce(OCSPReq request) throws MalformedRequest {
        Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (extension == null) {
            return null;
        }
        byte[] value = extension.getExtnValue().getOctets();
        byte[] nonce;
        try {
            nonce = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(value)).getOctets();
        } catch (IOException | RuntimeException e) {
            nonce = value;
        }
        if (nonce.length == 0 || nonce.length > MAX_NONCE_BYTES) {
            throw new MalformedRequest();
        }
        return extension;
    }

    private boolean isOurs(CertificateID id) {
        IssuerHashes expected = issuerHashes.get(id.getHashAlgOID());
        BigInteger serial = id.getSerialNumber();
        return expected != null
                && MessageDigest.isEqual(expected.nameHash(), id.getIssuerNameHash())
                && MessageDigest.isEqual(expected.keyHash(), id.getIssuerKeyHash())
                && serial.signum() > 0 && serial.bitLength() <= MAX_SERIAL_BITS;
    }

    private static Answer error(int status, String name, Instant thisUpdate) {
        try {
            return new Answer(new OCSPRespBuilder().build(status, null).getEncoded(), name, List.of(), false, thisUpdate, thisUpdate);
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("OCSP error response cannot be encoded", e);
        }
    }

    private static final class MalformedRequest extends Exception {
        MalformedRequest() {
            super(null, null, false, false);
        }
    }
}
