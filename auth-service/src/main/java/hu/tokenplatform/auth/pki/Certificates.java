package hu.tokenplatform.auth.pki;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Parsing and naming of X.509 certificates, the same way token-registry names them in its events. */
public final class Certificates {

    /** Bouncy Castle for every signature check on a hot path: far faster than the JDK 17 EC provider. */
    public static final Provider BC = new BouncyCastleProvider();

    private static final int MAX_PEM_CHARS = 64 * 1024;

    private Certificates() {
    }

    /** One certificate from PEM (or DER bytes read as PEM text); anything else is refused. */
    public static X509Certificate parsePem(String pem) {
        List<X509Certificate> certificates = parseAll(pem);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("expected exactly one certificate");
        }
        return certificates.get(0);
    }

    public static List<X509Certificate> parseAll(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("no certificate");
        }
        return parseAll(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static List<X509Certificate> parseAll(byte[] encoded) {
        try {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509", BC).generateCertificates(new ByteArrayInputStream(encoded));
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
    }

    /** Lower-case hex SHA-256 of the DER encoding, as token-registry publishes it. */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Upper-case hex serial number, as token-registry publishes it. */
    public static String serialHex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase();
    }
}
