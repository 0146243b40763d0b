package hu.tokenplatform.tokenmanager.program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged Token Manager (jar and lib/) copied to a directory every user can read, run as a separate
 * process the way a user runs it: as the current user, or as an unprivileged one.
 */
final class InstalledProgram {

    static final String UNPRIVILEGED_UID = "65534";

    private final Path installation;

    InstalledProgram(Path directory) {
        Path jar = Path.of(System.getProperty("token-manager.jar"));
        try {
            installation = Files.createDirectories(directory);
            copy(jar, installation.resolve("token-manager.jar"));
            Path lib = Files.createDirectories(installation.resolve("lib"));
            try (Stream<Path> libraries = Files.list(jar.resolveSibling("lib"))) {
                for (Path library : libraries.toList()) {
                    copy(library, lib.resolve(library.getFileName()));
                }
            }
            readableByEveryone(directory);
            readableByEveryone(lib);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean runningAsAdministrator() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exit, String out, String err) {
    }

    Result run(Map<String, String> environment, String typed, String... args) {
        return run(false, environment, typed, args);
    }

    /** As an unprivileged user: nobody via setpriv when the tests run as root, else the current (unprivileged) user. */
    Result runUnprivileged(Map<String, String> environment, String typed, String... args) {
        return run(runningAsAdministrator(), environment, typed, args);
    }

    Process start(Map<String, String> environment, String... args) {
        return start(command(false, args), environment);
    }

    /**
     * As a script starts it in the background ({@code token-manager serve &}): with SIGINT ignored from the start,
     * which the program inherits and cannot undo.
     */
    Process startWithInterruptIgnored(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec \"$0\" \"$@\""));
        command.addAll(command(false, args));
        return start(command, environment);
    }

    private static Process start(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(boolean dropPrivileges, Map<String, String> environment, String typed, String... args) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(dropPrivileges, args));
            builder.environment().putAll(environment);
            Path out = Files.createTempFile("token-manager", ".out");
            Path err = Files.createTempFile("token-manager", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("token-manager " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> command(boolean dropPrivileges, String... args) {
        List<String> command = new ArrayList<>();
        if (dropPrivileges) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID, "--clear-groups"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(installation.resolve("token-manager.jar").toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }

    static void readableByEveryone(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
