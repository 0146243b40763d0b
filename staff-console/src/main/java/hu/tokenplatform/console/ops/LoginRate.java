package hu.tokenplatform.console.ops;

/** Logins per minute of one method, outcome and reason (auth-service's refusal code; {@code none} on success). */
public record LoginRate(String method, String outcome, String reason, double perMinute, Level level) {

    public boolean failed() {
        return "failed".equals(outcome);
    }

    public String shown() {
        return Figure.format(perMinute);
    }
}
