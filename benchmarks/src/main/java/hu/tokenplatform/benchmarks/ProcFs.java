package hu.tokenplatform.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Linux's {@code /proc} says about a process: its CPU time so far and its resident memory. A process that has
 * ended reads as empty, so that one backend closing during a point does not stop the measurement.
 */
public final class ProcFs {

    private final Path proc;

    public ProcFs() {
        this(Path.of("/proc"));
    }

    /** Reads {@code proc} instead of /proc (a test's copy). */
    public ProcFs(Path proc) {
        this.proc = proc;
    }

    /**
     * One line of {@code /proc/<pid>/stat}, the fields the benchmark uses.
     *
     * @param pid       the process id
     * @param command   the executable's name ({@code comm}), which may hold spaces and parentheses
     * @param parent    the parent's pid
     * @param userTicks CPU time in user mode, in clock ticks
     * @param systemTicks CPU time in the kernel on the process' behalf, in clock ticks
     */
    public record Stat(long pid, String command, long parent, long userTicks, long systemTicks) {

        public long cpuTicks() {
            return userTicks + systemTicks;
        }

        /**
         * Parses a stat line. The command is what lies between the first {@code (} and the last {@code )}: a name
         * may itself contain both and spaces, so the fields are counted from the last {@code )} on (proc(5)).
         */
        public static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("not a /proc stat line: " + line);
            }
            // After ") ": field 3 (state) is index 0, so field n is index n - 3.
            String[] fields = line.substring(close + 2).trim().split(" +");
            return new Stat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                    Long.parseLong(fields[4 - 3]), Long.parseLong(fields[14 - 3]), Long.parseLong(fields[15 - 3]));
        }
    }

    /** The process' stat, or empty if it has ended. */
    public Optional<Stat> stat(long pid) {
        return read(proc.resolve(Long.toString(pid)).resolve("stat")).map(Stat::parse);
    }

    /** Resident set size in kB ({@code VmRSS} of {@code /proc/<pid>/status}); 0 for a process that has ended or has none. */
    public long residentKilobytes(long pid) {
        return read(proc.resolve(Long.toString(pid)).resolve("status")).map(ProcFs::vmRss).orElse(0L);
    }

    static long vmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        return 0;
    }

    /** Clock ticks per second, the unit of {@link Stat#userTicks()} ({@code getconf CLK_TCK}; 100 on Linux if it cannot run). */
    public static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException ended) {
            return Optional.empty();
        }
    }

    /** Every process id under {@code /proc} now. */
    public List<Long> pids() {
        try (var entries = Files.list(proc)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The file a process' current directory holds, or empty (PostgreSQL's postmaster runs in its data directory). */
    public Optional<String> fileInCurrentDirectory(long pid, String name) {
        return read(proc.resolve(Long.toString(pid)).resolve("cwd").resolve(name));
    }
}
