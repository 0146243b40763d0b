package hu.tokenplatform.benchmarks.platform;

import com.fasterxml.jackson.databind.JsonNode;
import hu.tokenplatform.benchmarks.BenchUser;
import hu.tokenplatform.demo.Branch;
import hu.tokenplatform.demo.StaffApi;
import hu.tokenplatform.platformdriver.HeadlessTokenLogin;
import hu.tokenplatform.tokencrypto.attestation.TokenFactoryCa;
import hu.tokenplatform.tokencrypto.pin.PinPolicy;
import hu.tokenplatform.tokencrypto.unlock.MasterUnlockKeyStore;
import hu.tokenplatform.tokenmanager.device.GeneratedKey;
import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenEnrolment;
import hu.tokenplatform.tokenmanager.device.TokenFactory;
import hu.tokenplatform.tokenmanager.device.TokenPort;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands N new users their tokens through the real staff APIs, in-process: what deploy/demo's {@link Branch} and the
 * Token Manager CLI do together (factory, company, user, stock, keys and attestation generated on the token, the
 * hand-over, the certificates written back, the PIN set), without a JVM start per step. The REST part is the
 * registry's own; the token part is Token Manager's {@link TokenFactory} and virtual token.
 */
public final class HandOverDesk {

    /** Staff access tokens live minutes; a long provisioning signs the officer in again this often. */
    private static final int USERS_PER_SIGN_IN = 50;
    /** auth-service learns a new certificate from the registry's events: how long its first login may take to be accepted. */
    private static final Duration PROJECTION_PATIENCE = Duration.ofMinutes(2);
    private static final String PIN_CHARACTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#%+=";

    private final MeasuredPlatform platform;
    private final Path tokens;
    private final SecureRandom random = new SecureRandom();

    /** Hands over on {@code platform}; the users' virtual tokens are written under {@code tokens}. */
    public HandOverDesk(MeasuredPlatform platform, Path tokens) {
        this.platform = platform;
        this.tokens = tokens;
    }

    /**
     * {@code count} users of one new company, each with a token handed over, its PIN set and a session open, returned
     * once auth-service accepts each one's first full login.
     */
    public HandedOver handOver(int count) {
        String run = HexFormat.of().withUpperCase().formatHex(random.generateSeed(3));
        String company = "BENCH-" + run;
        // Eight digits not taken by an earlier run on the same platform (a clash fails the registration loudly).
        int firstCustomer = 10_000_000 + random.nextInt(89_000_000 - count);
        List<String> csns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            csns.add("BE" + run + String.format(Locale.ROOT, "%08X", i));
        }
        Map<String, String> secrets = platform.secrets();
        byte[] masterKey = MasterUnlockKeyStore.load(platform.var().resolve("unlock-service/master-unlock-key.p12"),
                secrets.get("UNLOCK_MASTER_KEYSTORE_PASSWORD").toCharArray());
        List<BenchUser> users = new ArrayList<>();
        List<TokenDevice> devices = new ArrayList<>();
        try {
            TokenFactoryCa factoryCa = TokenFactoryCa.load(platform.var().resolve("token-factory/factory-ca.p12"),
                    secrets.get("TOKEN_FACTORY_CA_PASSWORD").toCharArray());
            StaffApi officer = platform.registryAs("officer");
            Branch branch = new Branch(officer);
            branch.registerCompany(company, "Benchmark " + run + " Kft.");
            branch.receiveStock("BENCH-DELIVERY-" + run, csns);
            for (int i = 0; i < count; i++) {
                if (i > 0 && i % USERS_PER_SIGN_IN == 0) {
                    officer = platform.registryAs("officer");
                    branch = new Branch(officer);
                }
                String customerId = String.valueOf(firstCustomer + i);
                String csn = csns.get(i);
                branch.registerUser(customerId, "Bench User " + i, company, false);
                Path directory = tokens.resolve(csn);
                TokenFactory.provision(directory, csn, masterKey, TokenFactory.PIN_HASH_ITERATIONS, PinPolicy.defaults(), factoryCa);
                TokenDevice device = new TokenPort(directory).open();
                devices.add(device);
                X509Certificate login = handOver(officer, device, customerId, csn);
                char[] pin = newPin(device);
                device.setInitialPin(pin);
                users.add(new BenchUser(customerId, csn, device.login(pin), login));
                Arrays.fill(pin, '\0');
            }
            awaitFirstLogins(users);
            return new HandedOver(List.copyOf(users), List.copyOf(devices));
        } catch (RuntimeException e) {
            devices.forEach(TokenDevice::close);
            throw e;
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /** The branch's part for one user: the login key generated on the token, the hand-over, the certificate written back. */
    private X509Certificate handOver(StaffApi officer, TokenDevice device, String customerId, String csn) {
        TokenEnrolment enrolment = device.personalise();
        GeneratedKey key = enrolment.generateKeyPair(KeySlot.LOGIN, csn);
        Map<String, Object> handOver = new LinkedHashMap<>();
        handOver.put("customerId", customerId);
        handOver.put("csn", csn);
        handOver.put("identification", Map.of("documentType", "ID_CARD", "documentNumber", "BE" + customerId));
        handOver.put("branch", "BUDAPEST-01");
        handOver.put("loginCsr", key.csrPem());
        handOver.put("loginAttestation", key.attestation());
        JsonNode result = officer.post("/hand-overs", handOver);
        for (JsonNode certificate : result.path("certificates")) {
            if ("LOGIN".equals(certificate.path("usage").asText())) {
                X509Certificate login = certificate(certificate.path("pem").asText());
                enrolment.writeCertificate(KeySlot.LOGIN, login);
                return login;
            }
        }
        throw new IllegalStateException("the registry issued no login certificate for " + csn);
    }

    /** A PIN the token's policy accepts, as a user would choose one. */
    private char[] newPin(TokenDevice device) {
        while (true) {
            char[] pin = new char[10];
            for (int i = 0; i < pin.length; i++) {
                pin[i] = PIN_CHARACTERS.charAt(random.nextInt(PIN_CHARACTERS.length()));
            }
            if (device.checkNewPin(pin).acceptable()) {
                return pin;
            }
        }
    }

    /** Until auth-service's projection knows each user's certificate: one full login of each must end with tokens. */
    private void awaitFirstLogins(List<BenchUser> users) {
        long deadline = System.nanoTime() + PROJECTION_PATIENCE.toNanos();
        for (BenchUser user : users) {
            HeadlessTokenLogin login = new HeadlessTokenLogin(platform.login(), user.session());
            Map<String, Integer> outcomes = new TreeMap<>();
            while (true) {
                String outcome = login.logInFully().outcome();
                if (HeadlessTokenLogin.TOKENS.equals(outcome)) {
                    break;
                }
                outcomes.merge(outcome, 1, Integer::sum);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("auth-service did not accept the first login of " + user.csn()
                            + " within " + PROJECTION_PATIENCE + ": " + outcomes);
                }
                sleep(500);
            }
        }
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("the registry's login certificate does not parse", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for auth-service", e);
        }
    }

    /** The users handed over and their tokens, held open for the benchmark: closing closes the tokens. */
    public record HandedOver(List<BenchUser> users, List<TokenDevice> devices) implements AutoCloseable {

        @Override
        public void close() {
            users.forEach(user -> user.session().close());
            devices.forEach(TokenDevice::close);
        }
    }
}
