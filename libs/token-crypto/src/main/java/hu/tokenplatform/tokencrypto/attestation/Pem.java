package hu.tokenplatform.tokencrypto.attestation;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** X.509 certificates to and from PEM: any other PEM block (a key, a request) is refused. */
public final class Pem {

    private Pem() {
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /** @throws IllegalArgumentException unless the text holds exactly one certificate */
    public static X509Certificate readCertificate(String pem) {
        List<X509Certificate> certificates = readCertificates(pem);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("exactly one certificate expected, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /**
     * @throws IllegalArgumentException if the text holds no certificate, or anything else than certificates; the
     *                                  message never repeats the input
     */
    public static List<X509Certificate> readCertificates(String pem) {
        List<Object> blocks = new ArrayList<>();
        if (pem != null) {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                for (Object next = parser.readObject(); next != null; next = parser.readObject()) {
                    blocks.add(next);
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a PEM certificate", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(AttestationCrypto.PROVIDER);
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : blocks) {
            if (!(block instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("a PEM block that is not a certificate");
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("not a PEM certificate", e);
            }
        }
        return certificates;
    }
}
