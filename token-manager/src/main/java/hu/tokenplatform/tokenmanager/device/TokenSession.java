package hu.tokenplatform.tokenmanager.device;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** Key operations after a correct PIN. The session stops working when the token locks or is closed. */
public interface TokenSession extends TokenEnrolment, AutoCloseable {

    String DEFAULT_SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** DER ECDSA signature over {@code data} with the slot's private key. */
    default byte[] sign(KeySlot slot, byte[] data) {
        return sign(slot, DEFAULT_SIGNATURE_ALGORITHM, data);
    }

    /** @param algorithm SHA256withECDSA, SHA384withECDSA or SHA512withECDSA */
    byte[] sign(KeySlot slot, String algorithm, byte[] data);

    /**
     * A handle to the slot's private key for JCA code (TLS, CMS): it holds no key material, and
     * {@link TokenSignatureProvider} sends its signatures to this session.
     */
    default PrivateKey privateKey(KeySlot slot) {
        return new TokenPrivateKey(this, slot);
    }

    X509Certificate requireCertificate(KeySlot slot);

    @Override
    void close();
}
