package hu.tokenplatform.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcFsTest {

    /** A real stat line's shape (proc(5)): comm with spaces and a parenthesis, utime 14th and stime 15th field. */
    private static final String STAT = "4242 (Web Content (x)) S 4200 4242 4200 0 -1 4194560 12345 0 0 0 "
            + "731 82 0 0 20 0 27 0 123456 987654321 4321 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0 0 0 0";

    @Test
    void aStatLineWhoseCommandHasSpacesAndParenthesesGivesItsParentAndCpuTicks() {
        ProcFs.Stat stat = ProcFs.Stat.parse(STAT);
        assertEquals(4242, stat.pid());
        assertEquals("Web Content (x)", stat.command());
        assertEquals(4200, stat.parent());
        assertEquals(731, stat.userTicks());
        assertEquals(82, stat.systemTicks());
        assertEquals(813, stat.cpuTicks());
    }

    @Test
    void residentMemoryIsVmRssInKilobytesAndAnEndedProcessReadsAsNothing(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/status"), "Name:\tjava\nVmPeak:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n");
        Files.writeString(proc.resolve("77/stat"), STAT.replaceFirst("4242", "77"));
        ProcFs fs = new ProcFs(proc);
        assertEquals(123456, fs.residentKilobytes(77));
        assertEquals(813, fs.stat(77).orElseThrow().cpuTicks());
        assertTrue(fs.stat(78).isEmpty());
        assertEquals(0, fs.residentKilobytes(78));
        assertTrue(fs.pids().contains(77L));
    }

    @Test
    void thisJvmsOwnStatParsesWithCpuTimeSpent() {
        long self = ProcessHandle.current().pid();
        ProcFs.Stat stat = new ProcFs().stat(self).orElseThrow();
        assertEquals(self, stat.pid());
        assertTrue(stat.cpuTicks() > 0, "a JVM that ran tests has used CPU");
        assertTrue(new ProcFs().residentKilobytes(self) > 0);
    }
}
