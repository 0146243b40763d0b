package hu.tokenplatform.registry;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** OCSP requests as relying parties send them (and as attackers and broken clients do), and the answers read back. */
public final class OcspMessages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OcspMessages() {
    }

    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuing CA, first in the registry's chain.pem. */
    public static X509Certificate issuingCa(String chainPem) {
        return certificate(chainPem.split("(?<=-----END CERTIFICATE-----\n)")[0]);
    }

    public static CertificateID certId(X509Certificate issuer, BigInteger serial) {
        return certId(CertificateID.HASH_SHA1.getAlgorithm(), issuer, serial);
    }

    public static CertificateID certId(ASN1ObjectIdentifier hash, X509Certificate issuer, BigInteger serial) {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(hash)),
                    new JcaX509CertificateHolder(issuer), serial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] nonce(int length) {
        byte[] nonce = new byte[length];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** The nonce extension as RFC 8954 encodes it: an OCTET STRING inside extnValue. */
    public static Extension nonceExtension(byte[] nonce) {
        try {
            return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DER OCSPRequest for {@code ids}, with the given request extensions (none if null). */
    public static byte[] request(List<CertificateID> ids, Extension... extensions) {
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder();
            ids.forEach(builder::addRequest);
            if (extensions.length > 0) {
                builder.setRequestExtensions(new Extensions(extensions));
            }
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] request(CertificateID id, byte[] nonce) {
        return nonce == null ? request(List.of(id)) : request(List.of(id), nonceExtension(nonce));
    }

    public static OCSPResp response(byte[] der) {
        try {
            return new OCSPResp(der);
        } catch (Exception e) {
            throw new IllegalStateException("not an OCSPResponse", e);
        }
    }

    public static BasicOCSPResp basic(byte[] der) {
        try {
            OCSPResp response = response(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new AssertionError("OCSP response status " + response.getStatus());
            }
            return (BasicOCSPResp) response.getResponseObject();
        } catch (org.bouncycastle.cert.ocsp.OCSPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The nonce the answer echoes (the inner OCTET STRING), or null. */
    public static byte[] echoedNonce(BasicOCSPResp response) {
        Extension extension = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        return extension == null ? null : DEROctetString.getInstance(extension.getParsedValue()).getOctets();
    }

    public static List<X509Certificate> certificates(BasicOCSPResp response) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (X509CertificateHolder holder : response.getCerts()) {
                certificates.add(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return certificates;
    }
}
