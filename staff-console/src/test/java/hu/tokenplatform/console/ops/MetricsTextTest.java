package hu.tokenplatform.console.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTextTest {

    static Stream<Arguments> wellFormedLines() {
        return Stream.of(
                Arguments.of("registry_outbox_backlog 0.0", "registry_outbox_backlog", Map.of(), 0.0),
                Arguments.of("registry_tokens{state=\"ACTIVE\"} 3.0", "registry_tokens", Map.of("state", "ACTIVE"), 3.0),
                Arguments.of("a{x=\"1\",y=\"2\",} 1", "a", Map.of("x", "1", "y", "2"), 1.0),
                Arguments.of("a{} 1", "a", Map.of(), 1.0),
                Arguments.of("a { x = \"1\" , y=\"2\" }   7   1712345678901", "a", Map.of("x", "1", "y", "2"), 7.0),
                Arguments.of("a{x=\"say \\\"hi\\\"\"} 1", "a", Map.of("x", "say \"hi\""), 1.0),
                Arguments.of("a{x=\"C:\\\\temp\\\\\"} 1", "a", Map.of("x", "C:\\temp\\"), 1.0),
                Arguments.of("a{x=\"two\\nlines\"} 1", "a", Map.of("x", "two\nlines"), 1.0),
                Arguments.of("a{x=\"{not=\\\"a label\\\"}, 5\"} 2", "a", Map.of("x", "{not=\"a label\"}, 5"), 2.0),
                Arguments.of("a{x=\"\"} 2", "a", Map.of("x", ""), 2.0),
                Arguments.of("a{x=\"ünnep ☃\"} 2", "a", Map.of("x", "ünnep ☃"), 2.0),
                Arguments.of("ns:metric_total 1.5e3", "ns:metric_total", Map.of(), 1500.0),
                Arguments.of("a -2.5E-1", "a", Map.of(), -0.25),
                Arguments.of("a .5", "a", Map.of(), 0.5),
                Arguments.of("a +Inf", "a", Map.of(), Double.POSITIVE_INFINITY),
                Arguments.of("a -Inf", "a", Map.of(), Double.NEGATIVE_INFINITY),
                Arguments.of("a\t12\t-5", "a", Map.of(), 12.0));
    }

    @ParameterizedTest
    @MethodSource("wellFormedLines")
    void readsNameLabelsAndValue(String line, String name, Map<String, String> labels, double value) {
        List<Sample> samples = MetricsText.parse(line + "\n");
        assertEquals(List.of(new Sample(name, labels, value)), samples);
    }

    @Test
    void readsNotANumberAsItIs() {
        assertTrue(Double.isNaN(MetricsText.parse("kafka_consumer_fetch_manager_records_lag{client_id=\"c\"} NaN").get(0).value()));
    }

    @Test
    void skipsHelpTypeCommentsAndBlankLinesAndKeepsOrder() {
        String text = """
                # HELP auth_logins_total Login outcomes \\\\ with a backslash and a {brace} "quote"
                # TYPE auth_logins_total counter
                auth_logins_total{method="TOKEN",outcome="failed",reason="certificate-revoked"} 2.0

                # a comment of the exporter's own
                auth_logins_total{method="TOKEN",outcome="succeeded",reason="none"} 5.0
                # EOF
                """;
        List<Sample> samples = MetricsText.parse(text);
        assertEquals(2, samples.size());
        assertEquals("certificate-revoked", samples.get(0).label("reason"));
        assertEquals(5.0, samples.get(1).value());
        assertEquals("", samples.get(1).label("client"), "a missing label reads as empty, as in PromQL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a{x=\"unterminated} 1",
            "a{x=\"bad \\t escape\"} 1",
            "a{x=\"trailing backslash\\",
            "a{x=1} 1",
            "a{x=\"1\" y=\"2\"} 1",
            "a{x=\"1\",x=\"2\"} 1",
            "a{1x=\"1\"} 1",
            "a{x=\"1\"",
            "a{=\"1\"} 1",
            "a",
            "a{x=\"1\"}",
            "1a 1",
            "a-b 1",
            "a 1d",
            "a 0x1p3",
            "a Infinity",
            "a 1 2 3",
            "a 1 12.5",
            "a 1,5",
            "\"quoted.name\" 1"})
    void refusesWhatIsNotTheTextFormat(String line) {
        assertThrows(MetricsFormatException.class, () -> MetricsText.parse("good 1\n" + line + "\n"));
    }

    @Test
    void saysWhichLineIsWrong() {
        MetricsFormatException e = assertThrows(MetricsFormatException.class, () -> MetricsText.parse("good 1\n# c\nbad{ 1\n"));
        assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
    }

    @Test
    void refusesALabelValueLongerThanTheBound() {
        String value = "x".repeat(MetricsText.MAX_LABEL_VALUE + 1);
        assertThrows(MetricsFormatException.class, () -> MetricsText.parse("a{x=\"" + value + "\"} 1"));
        assertEquals(1, MetricsText.parse("a{x=\"" + value.substring(1) + "\"} 1").size());
    }

    @Test
    void refusesMoreSamplesThanTheBound() {
        String text = IntStream.rangeClosed(0, MetricsText.MAX_SAMPLES).mapToObj(i -> "a{i=\"" + i + "\"} 1").collect(Collectors.joining("\n"));
        assertThrows(MetricsFormatException.class, () -> MetricsText.parse(text));
    }

    @Test
    void refusesMoreLabelsThanTheBound() {
        String labels = IntStream.rangeClosed(0, MetricsText.MAX_LABELS).mapToObj(i -> "l" + i + "=\"v\"").collect(Collectors.joining(","));
        assertThrows(MetricsFormatException.class, () -> MetricsText.parse("a{" + labels + "} 1"));
    }

    /** Seeds of the random round trips below: fixed, so that a failure is the same on every run. */
    static IntStream seeds() {
        return IntStream.of(1, 7, 42, 2026, 918273645);
    }

    /**
     * Label values drawn from the characters that need escaping or could confuse a parser (quote, backslash, newline,
     * braces, comma, equals, space, hash, non-ASCII), escaped as an exporter does, read back unchanged.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void labelValuesWithEveryEscapeComeBackUnchanged(int seed) {
        Random random = new Random(seed);
        String alphabet = "\"\\\n{}=, #aZ9_é☃\t";
        List<Sample> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder("# TYPE m counter\n");
        for (int line = 0; line < 200; line++) {
            Map<String, String> labels = new LinkedHashMap<>();
            int count = random.nextInt(4);
            for (int l = 0; l < count; l++) {
                StringBuilder value = new StringBuilder();
                int length = random.nextInt(12);
                for (int c = 0; c < length; c++) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                labels.put("l" + l, value.toString());
            }
            double v = random.nextInt(5) == 0 ? random.nextInt(1000) : random.nextGaussian() * 1e6;
            expected.add(new Sample("m_total", labels, v));
            text.append("m_total");
            if (!labels.isEmpty() || random.nextBoolean()) {
                text.append('{').append(labels.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"").collect(Collectors.joining(","))).append('}');
            }
            text.append(' ').append(v).append(random.nextBoolean() ? " " + (1_700_000_000_000L + line) : "").append('\n');
        }
        assertEquals(expected, MetricsText.parse(text.toString()));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
