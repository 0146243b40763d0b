package hu.tokenplatform.auth.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/** The bank's token certificate profiles as token-registry issues them (docs/token-registry.md). */
public final class CertificateProfile {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private CertificateProfile() {
    }

    /** LOGIN: key usage digitalSignature and extended key usage clientAuth. */
    public static boolean isLogin(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage != null && keyUsage[DIGITAL_SIGNATURE] && hasClientAuth(certificate);
    }

    /** SIGNING: key usage nonRepudiation (content commitment). */
    public static boolean isSigning(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage != null && keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION];
    }

    private static boolean hasClientAuth(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(KeyPurposeId.id_kp_clientAuth.getId());
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
