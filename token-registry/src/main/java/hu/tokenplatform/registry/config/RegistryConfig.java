package hu.tokenplatform.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    Ca ca();

    Identification identification();

    Attestation attestation();

    Metrics metrics();

    Revocation revocation();

    interface Revocation {
        /**
         * How long a revoke call waits for its events to be on Kafka before it answers; the answer says whether they
         * made it ({@code servicesInformed}). auth-service's own bound does not rest on this wait.
         */
        @WithDefault("2s")
        Duration announceWithin();
    }

    interface Ca {
        /** PKCS#12 keystore holding the root and issuing CA keys. */
        Path keystorePath();

        String keystorePassword();

        /** Generate a root and issuing CA on first start; production sets this to false and loads existing keys. */
        @WithDefault("false")
        boolean createIfMissing();

        @WithDefault("Token Platform Bank")
        String bankName();

        /** Public URL of the CRL, written into every certificate. */
        String crlUrl();

        /** Public URL of the OCSP responder ({@code /ocsp}), written into every certificate's authority information access. */
        String ocspUrl();

        /** Validity of the delegated OCSP responder's certificate: short, since nobody checks whether it is revoked. */
        @WithDefault("P30D")
        Duration ocspResponderValidity();

        /** The responder certificate is replaced when less than this is left of it (at start and on each CRL check). */
        @WithDefault("P10D")
        Duration ocspResponderRenewBefore();

        /**
         * How many OCSP answers may be worked on (read and signed) at once; a request beyond it is answered
         * {@code tryLater} at once instead of queueing, so that a flood of requests cannot hold every worker.
         */
        @WithDefault("4")
        int ocspMaxConcurrentAnswers();

        /** Token certificates are valid four years, as the bank publishes. */
        @WithDefault("P1461D")
        Duration certificateValidity();

        /** nextUpdate of a CRL; relying parties fail closed once it passes, so it must outlive a regeneration gap. */
        @WithDefault("PT24H")
        Duration crlValidity();

        /**
         * How often to check whether the CRL is past half its validity and due for regeneration, and whether the OCSP
         * responder certificate is due for renewal.
         */
        @WithDefault("10m")
        Duration crlRefreshCheck();
    }

    interface Identification {
        /** HMAC key for identity document numbers: low-entropy numbers must not be reversible by a dictionary. */
        String documentHashKey();
    }

    interface Attestation {
        /**
         * PEM file with the token-factory CA certificate(s) the registry pins: a key is certified only with a token's
         * attestation statement whose device certificate one of them issued. Several while a factory CA is rolled over.
         */
        Path factoryCaCertificates();
    }

    interface Metrics {
        /** How often the database-backed gauges are recounted. */
        @WithDefault("15s")
        Duration refreshInterval();
    }
}
