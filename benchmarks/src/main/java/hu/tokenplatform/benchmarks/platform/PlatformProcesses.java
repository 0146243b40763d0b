package hu.tokenplatform.benchmarks.platform;

import hu.tokenplatform.benchmarks.ProcFs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes that do a token login's work, found the way run-platform.sh records them: each service's pid in
 * {@code var/run/<name>.pid} (the second instances' too), the broker's in {@code var/kafka/pid}, Keycloak's launcher
 * in {@code var/keycloak/pid} (with the JVM it starts), and PostgreSQL's every process of the server the databases
 * are on: its postmaster (found by the port in the {@code postmaster.pid} of its data directory) and the postmaster's
 * children (backends, WAL writer, checkpointer...). Read again before each measured point, as backends come and go.
 */
public final class PlatformProcesses {

    private static final String POSTGRES = "postgres";

    private final Path var;
    private final int postgresPort;
    private final ProcFs proc;

    public PlatformProcesses(Path var, int postgresPort, ProcFs proc) {
        this.var = var;
        this.postgresPort = postgresPort;
        this.proc = proc;
    }

    /**
     * By the report's name: auth-service, token-registry, unlock-service, kafka, staff-keycloak (the staff's, not the
     * Keycloak target's), postgres.
     */
    public Map<String, List<Long>> now() {
        Map<String, List<Long>> processes = new LinkedHashMap<>();
        for (String service : List.of("auth-service", "token-registry", "unlock-service")) {
            processes.put(service, servicePids(service));
        }
        processes.put("kafka", withDescendants(pidFile(var.resolve("kafka/pid"))));
        processes.put("staff-keycloak", withDescendants(pidFile(var.resolve("keycloak/pid"))));
        processes.put(POSTGRES, postgres());
        return processes;
    }

    /** {@code <service>.pid} and {@code <service>-2.pid} when run-platform.sh started two instances. */
    private List<Long> servicePids(String service) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(var.resolve("run"), service + "{,-2}.pid")) {
            for (Path file : files) {
                pids.addAll(pidFile(file));
            }
        } catch (IOException none) {
            // no run directory: a platform not started by run-platform.sh
        }
        return pids;
    }

    private static List<Long> withDescendants(List<Long> pids) {
        List<Long> all = new ArrayList<>(pids);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> all.add(child.pid())));
        }
        return all;
    }

    private static List<Long> pidFile(Path file) {
        try {
            return List.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException absent) {
            return List.of();
        }
    }

    /** The postmaster listening on the platform's port and all its children; empty if none is found here. */
    List<Long> postgres() {
        List<ProcFs.Stat> postgresProcesses = new ArrayList<>();
        for (long pid : proc.pids()) {
            proc.stat(pid).filter(stat -> stat.command().equals(POSTGRES)).ifPresent(postgresProcesses::add);
        }
        for (ProcFs.Stat candidate : postgresProcesses) {
            boolean postmaster = postgresProcesses.stream().noneMatch(other -> other.pid() == candidate.parent());
            if (postmaster && listensOn(candidate.pid())) {
                List<Long> server = new ArrayList<>(List.of(candidate.pid()));
                postgresProcesses.stream().filter(child -> child.parent() == candidate.pid()).forEach(child -> server.add(child.pid()));
                return server;
            }
        }
        return List.of();
    }

    /** postmaster.pid, in the data directory the postmaster runs in: its fourth line is the port (PostgreSQL's pidfile.h). */
    private boolean listensOn(long postmaster) {
        Optional<String> pidFile = proc.fileInCurrentDirectory(postmaster, "postmaster.pid");
        if (pidFile.isEmpty()) {
            return false;
        }
        String[] lines = pidFile.get().split("\n");
        return lines.length > 3 && lines[3].strip().equals(Integer.toString(postgresPort));
    }
}
