package hu.tokenplatform.unlock.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "unlock")
public interface UnlockConfig {

    MasterKey masterKey();

    EPin ePin();

    Verification verification();

    Limits limits();

    interface MasterKey {
        /** PKCS#12 keystore with the master unlock key, the format the token factory reads too. */
        Path keystorePath();

        String keystorePassword();

        /** Generate a master key on first start: dev and test only; production loads the bank's key. */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface EPin {
        /**
         * Server-side secret (Argon2's secret input) of every e-PIN hash, at least 32 bytes. A 6-digit e-PIN has
         * only a million values: without the pepper, a stolen database would give them all up in hours.
         */
        String pepper();

        /** Consecutive wrong e-PINs after which only a branch officer can let the customer verify again. */
        @WithDefault("3")
        @Min(1)
        @Max(10)
        int maxFailedAttempts();

        Argon2 argon2();
    }

    /** Argon2id cost of new hashes; hashes keep the parameters they were made with. */
    interface Argon2 {
        @WithDefault("65536")
        @Min(8)
        int memoryKib();

        @WithDefault("3")
        @Min(1)
        int iterations();

        @WithDefault("1")
        @Min(1)
        @Max(16)
        int parallelism();

        /** Hashes computed at once; each needs {@code memory-kib} of memory, so this bounds what a burst costs. */
        @WithDefault("4")
        @Min(1)
        int maxConcurrent();
    }

    interface Verification {
        /** How long a verified caller stays verified for the agent who verified them. */
        @WithDefault("10m")
        Duration ttl();
    }

    interface Limits {
        /** Verification attempts (right or wrong) one helpdesk agent may make in any hour. */
        @WithDefault("30")
        @Min(1)
        int verificationsPerAgentPerHour();

        /** Unlock codes one token may be given in any 24 hours. */
        @WithDefault("5")
        @Min(1)
        int codesPerTokenPerDay();
    }
}
