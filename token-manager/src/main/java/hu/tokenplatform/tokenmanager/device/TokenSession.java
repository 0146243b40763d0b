package hu.tokenplatform.tokenmanager.device;

import java.security.cert.X509Certificate;

/** Key operations after a correct PIN. The session stops working when the token locks or is closed. */
public interface TokenSession extends AutoCloseable {

    String DEFAULT_SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** DER ECDSA signature over {@code data} with the slot's private key. */
    default byte[] sign(KeySlot slot, byte[] data) {
        return sign(slot, DEFAULT_SIGNATURE_ALGORITHM, data);
    }

    /** @param algorithm SHA256withECDSA, SHA384withECDSA or SHA512withECDSA */
    byte[] sign(KeySlot slot, String algorithm, byte[] data);

    /**
     * Generates a new EC P-256 key pair in the slot (dropping the old key and its certificate) and returns the
     * PKCS#10 request, in PEM, that the bank's CA turns into a certificate.
     */
    String generateKeyPair(KeySlot slot, String subjectCommonName);

    /** Stores the slot's certificate; refused if it certifies another key. */
    void writeCertificate(KeySlot slot, X509Certificate certificate);

    X509Certificate requireCertificate(KeySlot slot);

    @Override
    void close();
}
