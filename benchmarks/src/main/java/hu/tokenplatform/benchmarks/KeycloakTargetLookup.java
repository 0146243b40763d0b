package hu.tokenplatform.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The hook for Keycloak's X.509 direct-grant target, written in its own package ({@value #CLASS}) beside this runner:
 * while that class is not built in, the benchmark runs with the targets that exist and says so. When it is, its
 * public static factory taking the bank's issuing CA chain and the users makes the target (the chain as the PEM
 * file, a list of certificates or an array, whichever the factory takes).
 */
final class KeycloakTargetLookup {

    static final String CLASS = "hu.tokenplatform.benchmarks.keycloak.KeycloakX509Target";

    private KeycloakTargetLookup() {
    }

    /** The Keycloak target for {@code users}, or empty while its class is not built in. */
    static Optional<LoginTarget> target(Path issuingCaChainPem, List<BenchUser> users) {
        Class<?> type;
        try {
            type = Class.forName(CLASS);
        } catch (ClassNotFoundException notYet) {
            return Optional.empty();
        }
        for (Method factory : type.getMethods()) {
            Class<?>[] parameters = factory.getParameterTypes();
            if (!Modifier.isStatic(factory.getModifiers()) || !LoginTarget.class.isAssignableFrom(factory.getReturnType())
                    || parameters.length != 2 || !List.class.isAssignableFrom(parameters[1])) {
                continue;
            }
            Object chain;
            if (parameters[0] == Path.class) {
                chain = issuingCaChainPem;
            } else if (List.class.isAssignableFrom(parameters[0])) {
                chain = certificates(issuingCaChainPem);
            } else if (parameters[0] == X509Certificate[].class) {
                chain = certificates(issuingCaChainPem).toArray(X509Certificate[]::new);
            } else {
                continue;
            }
            try {
                return Optional.of((LoginTarget) factory.invoke(null, chain, users));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the Keycloak target did not start", e.getCause());
            }
        }
        throw new IllegalStateException(CLASS + " has no public static factory (issuing CA chain, List<BenchUser>)");
    }

    static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException("no certificates in " + pem, e);
        }
    }
}
