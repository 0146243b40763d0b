package hu.tokenplatform.testkit;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the application logs while a test runs, for the tests that check no secret reaches the log. Attached to
 * the root logger, so it sees every category that is enabled (the service's own, the HTTP access log, libraries) and
 * every stack trace. Each record is kept as the console would print it and, in case a format hides one, with its raw
 * parameters too:
 * <pre>{@code
 * private final LogCapture log = new LogCapture();
 *
 * @BeforeEach void capture() { log.start(); }
 * @AfterEach void release() { log.stop(); }
 * ...
 * assertFalse(log.text().contains(secret), "the log holds the e-PIN");
 * }</pre>
 * It captures only what the log configuration lets through: enable the categories down to DEBUG in the test profile.
 */
public final class LogCapture extends Handler {

    private final List<String> records = new ArrayList<>();

    public LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing every record logged from now on. */
    public void start() {
        Logger.getLogger("").addHandler(this);
    }

    /** Stops capturing; what was captured stays readable. */
    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    /** Everything captured so far, one record after another. */
    public synchronized String text() {
        return String.join("\n", records);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringWriter text = new StringWriter();
        text.append(record.getLoggerName()).append(' ')
                .append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(String.valueOf(parameter));
            }
        }
        if (record.getThrown() != null) {
            text.append('\n');
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        records.add(text.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
