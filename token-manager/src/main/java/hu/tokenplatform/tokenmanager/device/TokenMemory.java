package hu.tokenplatform.tokenmanager.device;

import hu.tokenplatform.tokencrypto.pin.PinPolicy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Everything the token remembers, as written (encrypted) to its state file. */
final class TokenMemory {

    String csn;
    DeviceState state;
    int pinTriesLeft;
    int wrongCodes;
    int wrongCodesSinceLock;
    int pinHashIterations;
    /** The PIN rules the token factory set; the token enforces them, whatever program drives it. */
    PinPolicy pinPolicy = PinPolicy.defaults();
    PinHash pin;
    /** the PINs before the current one, newest first */
    List<PinHash> previousPins = new ArrayList<>();
    byte[] unlockKey;
    String unlockRandom;
    final Map<KeySlot, byte[]> privateKeys = new EnumMap<>(KeySlot.class);
    final Map<KeySlot, byte[]> publicKeys = new EnumMap<>(KeySlot.class);
    final Map<KeySlot, byte[]> certificates = new EnumMap<>(KeySlot.class);
    /** PKCS#8 of the device attestation key, generated on the token by the factory; null on older tokens. */
    byte[] attestationKey;
    /** DER of its certificate from the token-factory CA. */
    byte[] attestationCertificate;

    byte[] toBytes() {
        Base64.Encoder base64 = Base64.getEncoder();
        Properties p = new Properties();
        p.setProperty("csn", csn);
        p.setProperty("state", state.name());
        p.setProperty("pinTriesLeft", String.valueOf(pinTriesLeft));
        p.setProperty("wrongCodes", String.valueOf(wrongCodes));
        p.setProperty("wrongCodesSinceLock", String.valueOf(wrongCodesSinceLock));
        p.setProperty("pinHashIterations", String.valueOf(pinHashIterations));
        p.setProperty("pinPolicy", pinPolicy.minLength() + "," + pinPolicy.maxLength() + "," + pinPolicy.minCharacterClasses()
                + "," + pinPolicy.maxRepeatedRun() + "," + pinPolicy.maxSequenceLength() + "," + pinPolicy.historySize());
        p.setProperty("unlockKey", base64.encodeToString(unlockKey));
        if (pin != null) {
            p.setProperty("pin", pin.encode());
        }
        for (int i = 0; i < previousPins.size(); i++) {
            p.setProperty("previousPin." + i, previousPins.get(i).encode());
        }
        if (unlockRandom != null) {
            p.setProperty("unlockRandom", unlockRandom);
        }
        privateKeys.forEach((slot, key) -> p.setProperty("privateKey." + slot, base64.encodeToString(key)));
        publicKeys.forEach((slot, key) -> p.setProperty("publicKey." + slot, base64.encodeToString(key)));
        certificates.forEach((slot, der) -> p.setProperty("certificate." + slot, base64.encodeToString(der)));
        if (attestationKey != null) {
            p.setProperty("attestationKey", base64.encodeToString(attestationKey));
            p.setProperty("attestationCertificate", base64.encodeToString(attestationCertificate));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static TokenMemory fromBytes(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Base64.Decoder base64 = Base64.getDecoder();
        TokenMemory memory = new TokenMemory();
        memory.csn = p.getProperty("csn");
        memory.state = DeviceState.valueOf(p.getProperty("state"));
        memory.pinTriesLeft = Integer.parseInt(p.getProperty("pinTriesLeft"));
        memory.wrongCodes = Integer.parseInt(p.getProperty("wrongCodes"));
        memory.wrongCodesSinceLock = Integer.parseInt(p.getProperty("wrongCodesSinceLock", "0"));
        memory.pinHashIterations = Integer.parseInt(p.getProperty("pinHashIterations"));
        if (p.containsKey("pinPolicy")) {
            int[] rule = Arrays.stream(p.getProperty("pinPolicy").split(",")).mapToInt(Integer::parseInt).toArray();
            memory.pinPolicy = new PinPolicy(rule[0], rule[1], rule[2], rule[3], rule[4], rule[5]);
        }
        memory.unlockKey = base64.decode(p.getProperty("unlockKey"));
        memory.pin = p.containsKey("pin") ? PinHash.decode(p.getProperty("pin")) : null;
        for (int i = 0; p.containsKey("previousPin." + i); i++) {
            memory.previousPins.add(PinHash.decode(p.getProperty("previousPin." + i)));
        }
        memory.unlockRandom = p.getProperty("unlockRandom");
        for (KeySlot slot : KeySlot.values()) {
            decodeInto(p, "privateKey." + slot, slot, memory.privateKeys, base64);
            decodeInto(p, "publicKey." + slot, slot, memory.publicKeys, base64);
            decodeInto(p, "certificate." + slot, slot, memory.certificates, base64);
        }
        if (p.containsKey("attestationKey")) {
            memory.attestationKey = base64.decode(p.getProperty("attestationKey"));
            memory.attestationCertificate = base64.decode(p.getProperty("attestationCertificate"));
        }
        return memory;
    }

    private static void decodeInto(Properties p, String name, KeySlot slot, Map<KeySlot, byte[]> target, Base64.Decoder base64) {
        String value = p.getProperty(name);
        if (value != null) {
            target.put(slot, base64.decode(value));
        }
    }
}
