package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokencrypto.pin.PinPolicy;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;

/**
 * The token factory: writes a new token with its CSN, its unlock key diversified from the bank's master unlock
 * key, and its device attestation key, generated on the token and certified by the bank's token-factory CA. The
 * master key and the factory CA's key are used here (and the master key in unlock-service) only; the token
 * holds just its own keys.
 */
public final class TokenFactory {

    /** PBKDF2 rounds for PIN verifiers on a real installation. */
    public static final int PIN_HASH_ITERATIONS = 100_000;

    private TokenFactory() {
    }

    /** @param pinHashIterations fewer rounds only for tests and demos */
    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations, TokenFactoryCa factoryCa) {
        provision(dir, csn, masterUnlockKey, pinHashIterations, PinPolicy.defaults(), factoryCa);
    }

    /**
     * @param pinPolicy the PIN rules the token will enforce for its whole life
     * @param factoryCa certifies the token's device attestation key for this CSN
     */
    public static void provision(Path dir, String csn, byte[] masterUnlockKey, int pinHashIterations, PinPolicy pinPolicy,
                                 TokenFactoryCa factoryCa) {
        byte[] tokenKey = UnlockCodes.diversifyTokenKey(masterUnlockKey, csn);
        try {
            Files.createDirectories(dir);
            if (Files.exists(dir.resolve(EncryptedStateFile.STATE)) || Files.exists(dir.resolve(EncryptedStateFile.KEY))) {
                throw new TokenDeviceException("a token already exists in " + dir);
            }
            SecureRandom random = new SecureRandom();
            KeyPair attestation = newAttestationKey(random);
            byte[] attestationCertificate = factoryCa.issueDeviceCertificate(csn, attestation.getPublic(), Clock.systemUTC()).getEncoded();
            EncryptedStateFile.createKey(dir, random);
            Files.writeString(dir.resolve("token.csn"), csn + "\n");
            TokenMemory memory = new TokenMemory();
            memory.csn = csn;
            memory.state = DeviceState.FACTORY;
            memory.pinTriesLeft = DeviceStatus.MAX_PIN_TRIES;
            memory.pinHashIterations = pinHashIterations;
            memory.unlockKey = tokenKey;
            memory.pinPolicy = pinPolicy;
            memory.attestationKey = attestation.getPrivate().getEncoded();
            memory.attestationCertificate = attestationCertificate;
            new EncryptedStateFile(dir, csn, random).write(memory.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the token cannot be provisioned in " + dir, e);
        } catch (CertificateEncodingException e) {
            throw new TokenDeviceException("the device attestation certificate cannot be stored", e);
        }
    }

    /** On the token: the private key goes into the token's sealed memory only. */
    private static KeyPair newAttestationKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", VirtualToken.BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TokenDeviceException("the token could not generate its device attestation key", e);
        }
    }
}
