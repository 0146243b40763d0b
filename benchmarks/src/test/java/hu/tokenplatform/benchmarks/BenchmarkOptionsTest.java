package hu.tokenplatform.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkOptionsTest {

    @Test
    void withoutOptionsItIsTheIssuesRun() {
        BenchmarkOptions options = BenchmarkOptions.parse();
        assertEquals(200, options.users());
        assertEquals(List.of(4, 8, 16, 32), options.concurrency());
        assertEquals(Duration.ofSeconds(60), options.warmUp());
        assertEquals(Duration.ofSeconds(30), options.duration());
        assertEquals(2, options.rounds());
        assertEquals(Path.of("benchmarks/target/results"), options.out());
    }

    @Test
    void smokeIsShortAndAnOptionGivenBesideItWinsWhereverItStands() {
        BenchmarkOptions smoke = BenchmarkOptions.parse("--smoke");
        assertEquals(4, smoke.users());
        assertEquals(List.of(2, 4), smoke.concurrency());
        assertEquals(Duration.ofSeconds(3), smoke.warmUp());
        assertEquals(Duration.ofSeconds(2), smoke.duration());
        assertEquals(8, BenchmarkOptions.parse("--users", "8", "--smoke").users());
        assertEquals(List.of(1), BenchmarkOptions.parse("--smoke", "--concurrency", "1").concurrency());
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesOrPlainSeconds() {
        assertEquals(Duration.ofMillis(500), BenchmarkOptions.duration("500ms"));
        assertEquals(Duration.ofSeconds(45), BenchmarkOptions.duration("45s"));
        assertEquals(Duration.ofMinutes(2), BenchmarkOptions.duration("2m"));
        assertEquals(Duration.ofSeconds(7), BenchmarkOptions.duration("7"));
    }

    @Test
    void anUnknownOptionAMissingValueOrANonPositiveCountIsRefusedWithTheUsage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--threads", "4"))
                .getMessage().contains("--concurrency"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--users"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkOptions.parse("--concurrency", "4,0"));
    }
}
