package hu.tokenplatform.tokenmanager.device;

import java.security.PrivateKey;

/**
 * A handle to a private key that stays on the token: no encoding, no key material. JSSE uses it like a
 * PKCS#11 key; {@link TokenSignatureProvider} routes its signatures to the token session.
 */
final class TokenPrivateKey implements PrivateKey {

    private final transient TokenSession session;
    private final KeySlot slot;

    TokenPrivateKey(TokenSession session, KeySlot slot) {
        this.session = session;
        this.slot = slot;
    }

    TokenSession session() {
        return session;
    }

    KeySlot slot() {
        return slot;
    }

    @Override
    public String getAlgorithm() {
        return "EC";
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }
}
