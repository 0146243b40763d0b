package hu.tokenplatform.tokenmanager.device;

import java.security.cert.X509Certificate;

/**
 * Writing keys and certificates to the token: at the branch during hand-over, before the user has set a PIN
 * ({@link TokenDevice#personalise()}), and later under the user's PIN ({@link TokenSession}) for renewals.
 */
public interface TokenEnrolment {

    /**
     * Generates a new EC P-256 key pair in the slot (dropping the old key and its certificate) and returns the
     * PKCS#10 request, in PEM, that the bank's CA turns into a certificate, with the token's attestation
     * statement for the key.
     *
     * @throws NoAttestationKeyException before anything changes, if an older factory made the token without a
     *                                   device attestation key
     */
    GeneratedKey generateKeyPair(KeySlot slot, String subjectCommonName);

    /** Stores the slot's certificate; refused if it certifies another key. */
    void writeCertificate(KeySlot slot, X509Certificate certificate);
}
