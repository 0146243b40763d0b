package hu.tokenplatform.tokenmanager.device;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/** Standard JSSE mutual TLS where the client's private-key operation happens on the token. */
public final class TokenTls {

    static final String ALIAS = "token-login";

    private TokenTls() {
    }

    /**
     * A TLS 1.3/1.2 client context presenting the token's LOGIN certificate and trusting only {@code trustStore}
     * (the bank's TLS CA), not the JVM's default trust store.
     */
    public static SSLContext clientContext(TokenSession session, KeyStore trustStore) {
        TokenSignatureProvider.installed();
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new TokenKeyManager(session)}, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new TokenDeviceException("TLS with the token cannot be set up", e);
        }
    }

    /** Offers the token's login certificate to servers that ask for an EC client certificate. */
    static final class TokenKeyManager extends X509ExtendedKeyManager {

        private final TokenSession session;
        private final X509Certificate certificate;

        TokenKeyManager(TokenSession session) {
            this.session = session;
            this.certificate = session.requireCertificate(KeySlot.LOGIN);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose(keyTypes, issuers);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose(keyTypes, issuers);
        }

        /** The token has one login key; whether its issuer is acceptable is the server's decision. */
        private String choose(String[] keyTypes, Principal[] issuers) {
            return keyTypes != null && Arrays.asList(keyTypes).contains("EC") ? ALIAS : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[]{certificate} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? session.privateKey(KeySlot.LOGIN) : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return "EC".equals(keyType) ? new String[]{ALIAS} : new String[0];
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
