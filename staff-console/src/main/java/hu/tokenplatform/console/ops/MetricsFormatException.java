package hu.tokenplatform.console.ops;

/** A metrics text that is not Prometheus' text format: the source is shown as unreadable, never as empty. */
public class MetricsFormatException extends RuntimeException {

    public MetricsFormatException(String message) {
        super(message, null, false, false);
    }
}
