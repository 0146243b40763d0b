package hu.tokenplatform.tokenmanager.signing;

import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenDeviceException;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.TokenSignatureProvider;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * A CMS (PKCS#7) detached signature over a document with the token's SIGNING key: SHA-256 digest, ECDSA on the
 * token, signed attributes content type, message digest, signing time and algorithm protection, and the
 * signing certificate included so that the bank can check it against its CA and the CRL.
 */
public final class DocumentSigner {

    private static final Provider BC = new BouncyCastleProvider();

    private DocumentSigner() {
    }

    public static byte[] signDetached(TokenSession session, CMSTypedData document) {
        X509Certificate certificate = session.requireCertificate(KeySlot.SIGNING);
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(TokenSignatureProvider.installed())
                    .build(session.privateKey(KeySlot.SIGNING));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).build(signer, certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(document, false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new TokenDeviceException("the document could not be signed", e);
        }
    }
}
