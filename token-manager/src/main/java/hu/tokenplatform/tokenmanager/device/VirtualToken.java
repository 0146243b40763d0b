package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import hu.tokenplatform.tokencrypto.pin.PinEvaluation;
import hu.tokenplatform.tokencrypto.pin.PinPolicy;
import hu.tokenplatform.tokencrypto.unlock.UnlockCodes;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A token that behaves like the hardware, kept in a directory: encrypted, atomically written memory
 * ({@link EncryptedStateFile}), PIN retry counter, on-token key generation attested by the device key, helpdesk
 * unlock. One process at a time holds it, as one program at a time talks to a USB token. Every change is written
 * before the answer is given, so pulling the plug after a wrong PIN or a wrong Code cannot give the tries back.
 */
public final class VirtualToken implements TokenDevice {

    static final Provider BC = new BouncyCastleProvider();
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private final EncryptedStateFile file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final PinPolicy policy;
    private final SecureRandom random = new SecureRandom();
    private TokenMemory memory;
    /** Bumped whenever the token locks or closes: older sessions stop working. */
    private long sessionGeneration;

    private VirtualToken(EncryptedStateFile file, FileChannel lockChannel, FileLock lock, TokenMemory memory, PinPolicy policy) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.memory = memory;
        this.policy = policy;
    }

    public static VirtualToken open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(EncryptedStateFile.STATE))) {
            throw new TokenAbsentException();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve("token.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new TokenInUseException();
            }
            String csn = Files.readString(dir.resolve("token.csn")).strip();
            EncryptedStateFile file = new EncryptedStateFile(dir, csn, new SecureRandom());
            file.removeLeftovers();
            TokenMemory memory = TokenMemory.fromBytes(file.read());
            return new VirtualToken(file, channel, lock, memory, memory.pinPolicy);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("the token cannot be opened", e);
        } catch (OverlappingFileLockException | TokenDeviceException e) {
            closeQuietly(channel);
            throw e instanceof TokenDeviceException t ? t : new TokenInUseException();
        }
    }

    @Override
    public synchronized DeviceStatus status() {
        return new DeviceStatus(memory.csn, memory.state, memory.pinTriesLeft,
                Optional.ofNullable(memory.state == DeviceState.LOCKED ? memory.unlockRandom : null),
                slots(memory.privateKeys.keySet()), slots(memory.certificates.keySet()));
    }

    @Override
    public synchronized PinEvaluation checkNewPin(char[] pin) {
        return policy.evaluate(pin, this::usedRecently);
    }

    @Override
    public synchronized void setInitialPin(char[] pin) {
        becomeReadyWith(pin, DeviceState.FACTORY, "setting the first PIN");
    }

    @Override
    public synchronized TokenSession login(char[] pin) {
        verifyPin(pin);
        return new Session(sessionGeneration);
    }

    @Override
    public synchronized void changePin(char[] oldPin, char[] newPin) {
        verifyPin(oldPin);
        setPin(newPin);
        save();
    }

    @Override
    public synchronized boolean submitUnlockCode(String code) {
        requireMemoryState(DeviceState.LOCKED, "entering an unlock Code");
        memory.wrongCodes++;
        memory.wrongCodesSinceLock++;
        save();
        if (UnlockCodes.verify(memory.unlockKey, memory.csn, memory.unlockRandom, code)) {
            memory.state = DeviceState.AWAITING_NEW_PIN;
            memory.unlockRandom = null;
            memory.wrongCodes = 0;
            memory.wrongCodesSinceLock = 0;
            save();
            return true;
        }
        if (memory.wrongCodesSinceLock >= DeviceStatus.MAX_CODES_PER_LOCK) {
            memory.state = DeviceState.BLOCKED;
            memory.unlockRandom = null;
            save();
        } else if (memory.wrongCodes >= DeviceStatus.MAX_CODE_TRIES) {
            drawNewRandom();
            save();
        }
        return false;
    }

    @Override
    public synchronized void setPinAfterUnlock(char[] newPin) {
        becomeReadyWith(newPin, DeviceState.AWAITING_NEW_PIN, "setting a PIN after unlock");
    }

    /** The PIN chosen at first use or after an unlock: the token is ready, with every try. */
    private void becomeReadyWith(char[] pin, DeviceState from, String operation) {
        requireMemoryState(from, operation);
        setPin(pin);
        memory.state = DeviceState.READY;
        memory.pinTriesLeft = DeviceStatus.MAX_PIN_TRIES;
        save();
    }

    @Override
    public synchronized Optional<X509Certificate> certificate(KeySlot slot) {
        byte[] der = memory.certificates.get(slot);
        return der == null ? Optional.empty() : Optional.of(parseCertificate(der));
    }

    @Override
    public synchronized Optional<X509Certificate> attestationCertificate() {
        return memory.attestationCertificate == null ? Optional.empty() : Optional.of(parseCertificate(memory.attestationCertificate));
    }

    @Override
    public synchronized void close() {
        sessionGeneration++;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized TokenEnrolment personalise() {
        requireMemoryState(DeviceState.FACTORY, "personalisation");
        return new TokenEnrolment() {
            @Override
            public GeneratedKey generateKeyPair(KeySlot slot, String subjectCommonName) {
                synchronized (VirtualToken.this) {
                    requireMemoryState(DeviceState.FACTORY, "personalisation");
                    return generateKeyPairInSlot(slot, subjectCommonName);
                }
            }

            @Override
            public void writeCertificate(KeySlot slot, X509Certificate certificate) {
                synchronized (VirtualToken.this) {
                    requireMemoryState(DeviceState.FACTORY, "personalisation");
                    writeCertificateToSlot(slot, certificate);
                }
            }
        };
    }

    /**
     * A new key pair in the slot and the token's attestation for it. The device attestation key signs nothing
     * else: no session or slot reaches it, so a statement always speaks of a key this token generated.
     */
    private GeneratedKey generateKeyPairInSlot(KeySlot slot, String subjectCommonName) {
        if (memory.attestationKey == null) {
            throw new NoAttestationKeyException();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            var request = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subjectCommonName).build(), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(pair.getPrivate()));
            KeyAttestationStatement attestation = KeyAttestation.attest(memory.csn, slot.purpose(), pair.getPublic(),
                    KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(memory.attestationKey)),
                    parseCertificate(memory.attestationCertificate));
            memory.privateKeys.put(slot, pair.getPrivate().getEncoded());
            memory.publicKeys.put(slot, pair.getPublic().getEncoded());
            memory.certificates.remove(slot);
            save();
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(request);
            }
            return new GeneratedKey(pem.toString(), attestation);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TokenDeviceException("the token could not generate a key pair", e);
        }
    }

    private void writeCertificateToSlot(KeySlot slot, X509Certificate certificate) {
        byte[] publicKey = memory.publicKeys.get(slot);
        if (publicKey == null || !Arrays.equals(publicKey, certificate.getPublicKey().getEncoded())) {
            throw new TokenDeviceException("the certificate is not for the token's " + slot + " key");
        }
        try {
            memory.certificates.put(slot, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new TokenDeviceException("the certificate cannot be stored", e);
        }
        save();
    }

    /** A wrong PIN is paid for, on disk, before the comparison result is used. */
    private void verifyPin(char[] pin) {
        if (memory.state == DeviceState.LOCKED) {
            // Smart-card practice: activity while locked voids the Random the helpdesk may be computing for.
            drawNewRandom();
            save();
            throw new TokenLockedException();
        }
        if (memory.state != DeviceState.READY) {
            throw new TokenStateException(memory.state, "PIN verification");
        }
        memory.pinTriesLeft--;
        save();
        if (memory.pin.matches(pin)) {
            memory.pinTriesLeft = DeviceStatus.MAX_PIN_TRIES;
            save();
            return;
        }
        if (memory.pinTriesLeft <= 0) {
            memory.state = DeviceState.LOCKED;
            memory.pinTriesLeft = 0;
            sessionGeneration++;
            drawNewRandom();
            save();
            throw new TokenLockedException();
        }
        throw new WrongPinException(memory.pinTriesLeft);
    }

    private void setPin(char[] newPin) {
        PinEvaluation evaluation = policy.evaluate(newPin, this::usedRecently);
        if (!evaluation.acceptable()) {
            throw new PinPolicyException(evaluation);
        }
        if (memory.pin != null) {
            memory.previousPins.add(0, memory.pin);
            while (memory.previousPins.size() > policy.historySize()) {
                memory.previousPins.remove(memory.previousPins.size() - 1);
            }
        }
        memory.pin = PinHash.of(newPin, memory.pinHashIterations, random);
    }

    /** The current PIN and the last {@code historySize} ones, compared through their salted hashes. */
    private boolean usedRecently(char[] candidate) {
        if (memory.pin != null && memory.pin.matches(candidate)) {
            return true;
        }
        return memory.previousPins.stream().limit(policy.historySize()).anyMatch(previous -> previous.matches(candidate));
    }

    private void drawNewRandom() {
        memory.unlockRandom = UnlockCodes.newRandom(random);
        memory.wrongCodes = 0;
    }

    private void requireMemoryState(DeviceState expected, String operation) {
        if (memory.state != expected) {
            throw new TokenStateException(memory.state, operation);
        }
    }

    private void save() {
        file.write(memory.toBytes());
    }

    private static Set<KeySlot> slots(Set<KeySlot> present) {
        return present.isEmpty() ? Set.of() : EnumSet.copyOf(present);
    }

    static X509Certificate parseCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TokenDeviceException("the stored certificate is damaged", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Key operations under a verified PIN, valid until the token locks or is closed. */
    private final class Session implements TokenSession {

        private final long generation;
        private boolean closed;

        Session(long generation) {
            this.generation = generation;
        }

        @Override
        public byte[] sign(KeySlot slot, String algorithm, byte[] data) {
            synchronized (VirtualToken.this) {
                requireOpen();
                if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
                    throw new TokenDeviceException("the token does not sign with " + algorithm);
                }
                byte[] encoded = memory.privateKeys.get(slot);
                if (encoded == null) {
                    throw new TokenDeviceException("the token has no " + slot + " key");
                }
                try {
                    PrivateKey key = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(encoded));
                    Signature signature = Signature.getInstance(algorithm, BC);
                    signature.initSign(key, random);
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new TokenDeviceException("the token could not sign", e);
                }
            }
        }

        @Override
        public GeneratedKey generateKeyPair(KeySlot slot, String subjectCommonName) {
            synchronized (VirtualToken.this) {
                requireOpen();
                return generateKeyPairInSlot(slot, subjectCommonName);
            }
        }

        @Override
        public void writeCertificate(KeySlot slot, X509Certificate certificate) {
            synchronized (VirtualToken.this) {
                requireOpen();
                writeCertificateToSlot(slot, certificate);
            }
        }

        @Override
        public X509Certificate requireCertificate(KeySlot slot) {
            return certificate(slot).orElseThrow(() -> new TokenDeviceException("the token has no " + slot + " certificate"));
        }

        @Override
        public void close() {
            closed = true;
        }

        private void requireOpen() {
            if (closed || generation != sessionGeneration) {
                throw new TokenLockedException();
            }
            if (memory.state != DeviceState.READY) {
                throw new TokenLockedException();
            }
        }
    }
}
