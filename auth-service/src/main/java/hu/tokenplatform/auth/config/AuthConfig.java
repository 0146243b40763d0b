package hu.tokenplatform.auth.config;

import hu.tokenplatform.events.ContractedService;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything auth-service is told from outside; see docs/auth-service.md for each property. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /**
     * The login page's public origin (scheme://host[:port]) as browsers see it behind the bank's proxy; also the
     * OIDC issuer. Signed into every token login, so it must equal what Token Manager is configured with.
     */
    String publicOrigin();

    /**
     * The bank's proxies in front of the browser-facing listener (addresses or CIDR blocks): only from them is
     * {@code X-Forwarded-For} believed, walked from the right (login/BrowserAddress). None by default: the TCP peer
     * is the client.
     */
    Optional<List<String>> trustedProxies();

    Trust trust();

    Revocation revocation();

    Agent agent();

    Login login();

    Throttle throttle();

    Password password();

    Oidc oidc();

    Signatures signatures();

    interface Trust {
        /** PEM of the bank's token issuing CA: the only trust anchor for token certificates. */
        Path issuingCa();

        /**
         * How many certificates whose path to the issuing CA already validated are remembered (by SHA-256 of their
         * encoding), so that the CA's signature on a login certificate is verified once, not at every login; the
         * validity period is still checked every time. About 200 bytes each.
         */
        @WithDefault("100000")
        int validatedPathsCached();
    }

    interface Revocation {
        /** The issuing CA's CRL, fetched from here only; never from a URL inside a certificate. */
        URI crlUrl();

        /** How often the CRL is fetched again (also before its nextUpdate). */
        @WithDefault("5m")
        Duration refreshInterval();

        @WithDefault("10s")
        Duration fetchTimeout();

        /** A CRL bigger than this is refused rather than parsed. */
        @WithDefault("16777216")
        int maxCrlBytes();

        /**
         * token-registry's OCSP responder ({@code /ocsp}), asked from here only: never from a URL inside a certificate
         * (authority information access), so no client can make the service fetch anything.
         */
        URI ocspUrl();

        /** Deadline for one OCSP exchange, connection and whole answer included: the login waits on it. */
        @WithDefault("1s")
        Duration ocspTimeout();

        /** An OCSP answer bigger than this is refused unread (the registry's are under 2 KiB). */
        @WithDefault("32768")
        int ocspMaxResponseBytes();

        /** An answer whose thisUpdate is older than this was not made for this question just now. */
        @WithDefault("10s")
        Duration ocspMaxAge();

        /** How far ahead of this service's clock an answer's thisUpdate may be. */
        @WithDefault("5s")
        Duration ocspClockSkew();

        /**
         * How long an answer is reused for the same certificate: well under the 1 s revocation bound; 0 keeps nothing.
         * Failures are never kept.
         */
        @WithDefault("300ms")
        Duration ocspCacheTtl();

        /**
         * How old the last proof that the registry projection is current may be for a login to rest on it: the
         * projection had applied every record of the registry's topics up to their end offsets as read at most this
         * long ago. Older than that, the registry's OCSP responder is asked instead (revocation package).
         */
        @WithDefault("500ms")
        Duration projectionMaxAge();

        /** How often the projection's applied offsets are compared with the topics' end offsets. */
        @WithDefault("150ms")
        Duration projectionCheckInterval();
    }

    interface Agent {
        /** Name of the {@code quarkus.tls.<name>} configuration of the mutual-TLS listener. */
        @WithDefault("agent")
        String tlsConfiguration();

        @WithDefault("0.0.0.0")
        String host();

        /** 0 picks a free port (tests). */
        @WithDefault("8443")
        int port();

        /** A login assertion is a few hundred bytes. */
        @WithDefault("4096")
        int maxBodyBytes();

        @WithDefault("10s")
        Duration handshakeTimeout();

        /**
         * Who does the listener's TLS: {@code openssl} (BoringSSL through netty-tcnative, several times cheaper per
         * handshake than the JDK's; where its native library cannot load, the JDK's, with a warning) or {@code jdk}.
         * The certificate checks are the same either way: the trust store's TrustManager and the handler's own.
         */
        @WithDefault("openssl")
        TlsEngine tlsEngine();
    }

    enum TlsEngine {
        OPENSSL, JDK
    }

    interface Login {
        /** How long the user has to enter the PIN and the token to answer. */
        @WithDefault("120s")
        Duration transactionTtl();

        /** How long after the token login the page may still finish it. */
        @WithDefault("60s")
        Duration completeWithin();

        /** The login session cookie carries {@code Secure}; only plain-HTTP tests switch it off. */
        @WithDefault("true")
        boolean secureCookie();

        /** Token Manager's local API as the login page calls it. */
        @WithDefault("http://127.0.0.1:17380")
        URI tokenManagerUrl();

        /** Pending login transactions one browser session keeps (its open login pages); a new page drops the oldest. */
        @WithDefault("5")
        int pendingPerSession();
    }

    interface Throttle {
        /** Refused token logins one certificate may cause per window before it is refused outright. */
        @WithDefault("10")
        int certificateFailures();

        /**
         * Wrong passwords one browser address may cause per window. The login page's only: token logins are counted
         * per certificate, never per address.
         */
        @WithDefault("50")
        int addressFailures();

        @WithDefault("15m")
        Duration window();

        /** Login pages one browser address may open per {@link #loginPageWindow()}: each writes a login transaction. */
        @WithDefault("300")
        int loginPages();

        @WithDefault("1m")
        Duration loginPageWindow();
    }

    interface Password {
        /** Consecutive wrong passwords that lock a customer identifier's password login. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("30m")
        Duration lockout();

        /**
         * bcrypt cost of the hash checked for an unknown customer identifier, so that its answer takes as long as a
         * real check: set it to the cost of most imported hashes.
         */
        @WithDefault("12")
        int unknownUserCost();
    }

    interface Oidc {
        /** Registered relying parties by client id ({@code electra}, {@code e-posta}). */
        Map<String, Client> clients();

        @WithDefault("60s")
        Duration codeTtl();

        @WithDefault("5m")
        Duration accessTokenTtl();

        @WithDefault("5m")
        Duration idTokenTtl();

        /** A new signing key is generated when the current one is this old. */
        @WithDefault("P30D")
        Duration keyRotation();

        @WithDefault("1h")
        Duration keyRotationCheck();

        /** Base64 of a 256-bit AES key that encrypts the signing keys at rest (a secret; an HSM later). */
        String keyEncryptionKey();
    }

    interface Client {
        /** The bank service this client is: the user needs it on their contract. */
        ContractedService service();

        /** Exact-match redirect URIs. */
        List<String> redirectUris();

        /**
         * {@code sha256:<hex>} of the client secret for a confidential client (client_secret_basic); absent for a
         * public client, which relies on PKCE alone.
         */
        Optional<String> secretHash();

        /** Scopes granted through client credentials (the client's backend calling our APIs), if any. */
        Optional<List<String>> backendScopes();

        /**
         * The client's name as its users know it, in Hungarian and English: the login page's heading and what
         * Token Manager's PIN window shows (never the client string the page sends).
         */
        DisplayName displayName();
    }

    interface DisplayName {
        String hu();

        String en();
    }

    interface Signatures {
        /** Largest document accepted for a signature check. */
        @WithDefault("1048576")
        int maxDocumentBytes();

        /** A signature whose signing time is older than this is refused: it bounds a backdated signing time. */
        @WithDefault("15m")
        Duration maxAge();

        /** Clock difference tolerated for a signing time in the future. */
        @WithDefault("2m")
        Duration clockSkew();
    }
}
