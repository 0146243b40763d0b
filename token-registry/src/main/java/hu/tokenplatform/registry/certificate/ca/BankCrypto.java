package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.SecureRandom;

/** The Bouncy Castle provider and randomness every CA operation uses; much faster than the JDK 17 EC provider. */
final class BankCrypto {

    static final Provider PROVIDER = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();
    static final String CA_SIGNATURE_ALGORITHM = "SHA384withECDSA";

    private BankCrypto() {
    }
}
