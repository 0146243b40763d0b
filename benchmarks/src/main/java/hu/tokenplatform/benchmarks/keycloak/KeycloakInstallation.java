package hu.tokenplatform.benchmarks.keycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak unpacked by {@code deploy/local-keycloak.sh}'s {@code install_keycloak}: the same version, from the same
 * Maven Central artifact, as the staff Keycloak, so that the version lives in one place.
 */
final class KeycloakInstallation {

    static final String SCRIPT = "deploy/local-keycloak.sh";
    /** The first download is about 160 MB; afterwards Maven's cache answers and only the unpacking is left. */
    private static final long INSTALL_MINUTES = 10;

    private KeycloakInstallation() {
    }

    /** Installs into {@code dir} (once; a second call finds it there) and returns Keycloak's home. */
    static Path install(Path dir) {
        Path script = repositoryRoot().resolve(SCRIPT);
        Path log = dir.resolve("install.log");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(List.of("bash", "-c", "source \"$0\" && install_keycloak \"$1\"",
                    script.toString(), dir.toAbsolutePath().toString()))
                    .redirectError(log.toFile())
                    .start();
            process.getOutputStream().close();
            String home;
            try (var out = process.getInputStream()) {
                home = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new KeycloakStartException("installing Keycloak took over " + INSTALL_MINUTES + " min; see " + log);
            }
            if (process.exitValue() != 0 || home.isEmpty() || !Files.isExecutable(Path.of(home, "bin", "kc.sh"))) {
                throw new KeycloakStartException("installing Keycloak failed (exit " + process.exitValue() + "): "
                        + KeycloakStartException.tail(log));
            }
            return Path.of(home);
        } catch (IOException e) {
            throw new KeycloakStartException("installing Keycloak failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakStartException("interrupted while installing Keycloak", e);
        }
    }

    /** The checkout this module sits in: the benchmark runs from the repository root or from {@code benchmarks/}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new KeycloakStartException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }
}
