package hu.tokenplatform.benchmarks;

/**
 * How one login ended.
 *
 * @param outcome {@code ok} when the tokens came back; else what refused or failed it (a problem code, an HTTP
 *                status, an exception's class), counted as an error in the report
 */
public record LoginOutcome(String outcome) {

    public static final LoginOutcome OK = new LoginOutcome("ok");

    public boolean ok() {
        return OK.outcome.equals(outcome);
    }
}
