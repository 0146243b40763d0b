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

        /** Token certificates are valid four years, as the bank publishes. */
        @WithDefault("P1461D")
        Duration certificateValidity();

        /** nextUpdate of a CRL; relying parties fail closed once it passes, so it must outlive a regeneration gap. */
        @WithDefault("PT24H")
        Duration crlValidity();

        /** How often to check whether the CRL is past half its validity and due for regeneration. */
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
