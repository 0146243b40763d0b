package hu.tokenplatform.tokenmanager.device;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Map;

/**
 * A JCA provider whose ECDSA signatures run on the token. JSSE asks for {@code Signature.getInstance(...)}
 * without naming a provider and picks, at {@code initSign}, the provider that accepts the key; the
 * {@code SupportedKeyClasses} attribute makes that ours for {@link TokenPrivateKey} and nobody else's.
 */
public final class TokenSignatureProvider extends Provider {

    static final String NAME = "TokenManager";
    private static final String[] ALGORITHMS = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"};

    private TokenSignatureProvider() {
        super(NAME, "1.0", "Signatures with keys that stay on the token");
        for (String algorithm : ALGORITHMS) {
            putService(new Service(this, "Signature", algorithm, TokenSignature.class.getName(), null,
                    Map.of("SupportedKeyClasses", TokenPrivateKey.class.getName())) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new TokenSignature(algorithm);
                }
            });
        }
    }

    /**
     * The provider, registered once and last, so that JSSE finds it for token keys and it never shadows a
     * provider for ordinary keys.
     */
    public static synchronized Provider installed() {
        Provider provider = Security.getProvider(NAME);
        if (provider == null) {
            provider = new TokenSignatureProvider();
            Security.addProvider(provider);
        }
        return provider;
    }

    static final class TokenSignature extends SignatureSpi {

        private final String algorithm;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private TokenPrivateKey key;

        TokenSignature(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof TokenPrivateKey tokenKey)) {
                throw new InvalidKeyException("not a token key");
            }
            key = tokenKey;
            data.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("the token provider only signs");
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            try {
                return key.session().sign(key.slot(), algorithm, data.toByteArray());
            } catch (TokenDeviceException e) {
                throw new SignatureException("the token refused to sign", e);
            } finally {
                data.reset();
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("the token provider only signs");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
