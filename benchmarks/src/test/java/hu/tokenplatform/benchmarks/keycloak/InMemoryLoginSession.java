package hu.tokenplatform.benchmarks.keycloak;

import hu.tokenplatform.tokenmanager.device.GeneratedKey;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSession;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A token session whose login key is an ordinary in-memory key: what TLS needs from a token (its signatures and its
 * login certificate) without a virtual token's PIN hashing and encrypted state file. Enrolment is not part of a
 * login, so this session does not enrol.
 */
record InMemoryLoginSession(PrivateKey loginKey, X509Certificate loginCertificate) implements TokenSession {

    @Override
    public byte[] sign(KeySlot slot, String algorithm, byte[] data) {
        requireLogin(slot);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(loginKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the login key cannot sign", e);
        }
    }

    @Override
    public X509Certificate requireCertificate(KeySlot slot) {
        requireLogin(slot);
        return loginCertificate;
    }

    @Override
    public GeneratedKey generateKeyPair(KeySlot slot, String subjectCommonName) {
        throw new UnsupportedOperationException("an in-memory login session does not enrol keys");
    }

    @Override
    public void writeCertificate(KeySlot slot, X509Certificate certificate) {
        throw new UnsupportedOperationException("an in-memory login session does not enrol certificates");
    }

    @Override
    public void close() {
        // nothing is held open
    }

    private static void requireLogin(KeySlot slot) {
        if (slot != KeySlot.LOGIN) {
            throw new IllegalArgumentException("an in-memory login session holds the LOGIN key only, not " + slot);
        }
    }
}
