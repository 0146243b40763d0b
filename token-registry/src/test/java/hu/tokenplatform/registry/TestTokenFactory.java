package hu.tokenplatform.registry;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import hu.tokenplatform.tokencrypto.attestation.KeyPurpose;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token factory as the tests need it: each test token (by CSN) gets a device attestation key certified by the
 * throw-away factory CA the registry pins ({@link FactoryCaTestResource}), and attests keys as the token would.
 * Attack tests also use it as a compromised factory would: to attest any key for any CSN.
 */
public final class TestTokenFactory {

    private static final Map<String, Device> DEVICES = new ConcurrentHashMap<>();
    private static TokenFactoryCa ca;

    private TestTokenFactory() {
    }

    /** The factory CA the registry pins. */
    public static synchronized TokenFactoryCa ca() {
        if (ca == null) {
            ca = TokenFactoryCa.load(FactoryCaTestResource.KEYSTORE, FactoryCaTestResource.PASSWORD.toCharArray());
        }
        return ca;
    }

    /** The device of the token with this CSN, made by the factory the first time it is asked for. */
    public static Device device(String csn) {
        return DEVICES.computeIfAbsent(csn, c -> Device.issuedBy(ca(), c, Clock.systemUTC()));
    }

    /** A device key and certificate for a token's CSN, from {@code factoryCa}. */
    public record Device(String csn, KeyPair keys, X509Certificate certificate) {

        public static Device issuedBy(TokenFactoryCa factoryCa, String csn, Clock clock) {
            KeyPair keys = Csrs.ecKeyPair("secp256r1");
            return new Device(csn, keys, factoryCa.issueDeviceCertificate(csn, keys.getPublic(), clock));
        }

        /** A device whose certificate expired yesterday. */
        public static Device expired(TokenFactoryCa factoryCa, String csn) {
            KeyPair keys = Csrs.ecKeyPair("secp256r1");
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return new Device(csn, keys, factoryCa.issueDeviceCertificate(csn, keys.getPublic(),
                    now.minus(400, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));
        }

        /** The token's statement for the key in {@code csrPem}, as JSON members a test may alter. */
        public Map<String, Object> attest(KeyPurpose purpose, String csrPem) {
            return json(KeyAttestation.attest(csn, purpose, Csrs.publicKey(csrPem), keys.getPrivate(), certificate));
        }
    }

    public static Map<String, Object> json(KeyAttestationStatement statement) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", statement.format());
        json.put("csn", statement.csn());
        json.put("purpose", statement.purpose());
        json.put("publicKeySha256", statement.publicKeySha256());
        json.put("keyProperties", statement.keyProperties());
        json.put("signature", statement.signature());
        json.put("deviceCertificate", statement.deviceCertificate());
        return json;
    }
}
