package hu.tokenplatform.tokencrypto.attestation;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.SecureRandom;

/** Bouncy Castle for every attestation operation: the JDK 17 EC provider is about ten times slower. */
final class AttestationCrypto {

    static final Provider PROVIDER = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();

    private AttestationCrypto() {
    }
}
