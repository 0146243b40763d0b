package hu.tokenplatform.console.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CounterRatesTest {

    private static Sample logins(String client, String outcome, double value) {
        return new Sample("auth_logins_total", Map.of("method", "TOKEN", "client", client, "outcome", outcome), value);
    }

    @Test
    void perMinuteIncreaseSummedOverTheLabelsNotShown() {
        List<Sample> earlier = List.of(logins("electra", "succeeded", 10), logins("e-posta", "succeeded", 4));
        List<Sample> later = List.of(logins("electra", "succeeded", 16), logins("e-posta", "succeeded", 7),
                new Sample("other_total", Map.of(), 99));
        Map<String, Double> rates = CounterRates.perMinute(earlier, later, Duration.ofSeconds(30), "auth_logins_total", s -> s.label("outcome"));
        assertEquals(Map.of("succeeded", 18.0), rates);
    }

    @Test
    void aSeriesThatAppearedBetweenTheScrapesStartedFromZero() {
        Map<String, Double> rates = CounterRates.perMinute(List.of(), List.of(logins("electra", "failed", 3)),
                Duration.ofMinutes(1), "auth_logins_total", s -> s.label("outcome"));
        assertEquals(Map.of("failed", 3.0), rates);
    }

    @Test
    void aCounterThatWentDownWasResetByARestart() {
        Map<String, Double> rates = CounterRates.perMinute(List.of(logins("electra", "succeeded", 500)),
                List.of(logins("electra", "succeeded", 6)), Duration.ofMinutes(2), "auth_logins_total", s -> s.label("outcome"));
        assertEquals(Map.of("succeeded", 3.0), rates);
    }

    @Test
    void noRateWithoutTimeBetweenTheScrapes() {
        assertThrows(IllegalArgumentException.class, () -> CounterRates.perMinute(List.of(), List.of(), Duration.ZERO, "m", s -> ""));
    }
}
