package hu.tokenplatform.benchmarks.jmh;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.Security;

/**
 * The JCA providers a benchmark compares: {@code BC}, which auth-service names for its signatures, JWTs and
 * certificate paths, and the JDK's own ({@code SunEC} for ECDSA, {@code SUN} for certificate paths).
 */
final class Providers {

    /** One instance, as auth-service's {@code Certificates.BC}: a provider per call would cost its set-up each time. */
    static final Provider BC = new BouncyCastleProvider();

    private Providers() {
    }

    static Provider named(String name) {
        if ("BC".equals(name)) {
            return BC;
        }
        Provider provider = Security.getProvider(name);
        if (provider == null) {
            throw new IllegalArgumentException("no JCA provider " + name);
        }
        return provider;
    }
}
