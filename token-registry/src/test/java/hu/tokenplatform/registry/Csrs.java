package hu.tokenplatform.registry;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

/** PKCS#10 requests as a token would generate them, and the broken ones an attacker or a bug would send. */
public final class Csrs {

    private Csrs() {
    }

    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for a fresh EC P-256 key pair, the token's default. */
    public static String ecP256() {
        return csr(ecKeyPair("secp256r1"));
    }

    public static String csr(KeyPair keyPair) {
        String algorithm = keyPair.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return csr(keyPair.getPublic(), keyPair, algorithm);
    }

    /** The public key a CSR carries (Bouncy Castle reads compressed EC points too). */
    public static PublicKey publicKey(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject())
                    .setProvider(new BouncyCastleProvider()).getPublicKey();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR that names {@code publicKey} but is signed with another key: no proof of possession. */
    public static String withoutProofOfPossession() {
        return csr(ecKeyPair("secp256r1").getPublic(), ecKeyPair("secp256r1"), "SHA256withECDSA");
    }

    private static String csr(PublicKey publicKey, KeyPair signer, String algorithm) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).build(signer.getPrivate());
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=token"), publicKey).build(contentSigner);
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(request);
            }
            return out.toString();
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
