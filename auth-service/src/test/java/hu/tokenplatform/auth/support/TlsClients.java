package hu.tokenplatform.auth.support;

import hu.tokenplatform.tokenmanager.device.KeySlot;
import hu.tokenplatform.tokenmanager.device.TokenSession;
import hu.tokenplatform.tokenmanager.device.TokenSignatureProvider;
import hu.tokenplatform.tokenmanager.device.TokenTls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** TLS clients for the agent endpoint: the token's own, and the ones an attacker would try. */
public final class TlsClients {

    private static final char[] PASSWORD = "client".toCharArray();

    private TlsClients() {
    }

    /** Token Manager's: the LOGIN certificate, key operation on the token. */
    public static SSLContext token(TokenSession session) {
        return TokenTls.clientContext(session, Agent.bankTrust());
    }

    /** A client that trusts the bank's server but has no certificate to show. */
    public static SSLContext withoutCertificate() {
        return context(null);
    }

    /** A client with a software key and a certificate chain of the caller's choosing. */
    public static SSLContext withKey(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, PASSWORD, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            return context(factory.getKeyManagers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client presenting the token's certificate of {@code slot}, its key operation on the token. */
    public static SSLContext tokenSlot(TokenSession session, KeySlot slot) {
        TokenSignatureProvider.installed();
        X509Certificate certificate = session.requireCertificate(slot);
        PrivateKey key = session.privateKey(slot);
        return context(new KeyManager[]{new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[]{"slot"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "slot";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "slot";
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return new String[0];
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return new X509Certificate[]{certificate};
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return key;
            }
        }});
    }

    private static SSLContext context(KeyManager[] keyManagers) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Agent.bankTrust());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
