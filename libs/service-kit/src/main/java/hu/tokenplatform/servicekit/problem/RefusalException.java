package hu.tokenplatform.servicekit.problem;

/**
 * A request refused for a {@link Refusal}: thrown from a use case, answered by {@link ProblemMapper} as problem JSON
 * with the refusal's status and code. The detail is shown to the caller, so it must never contain a secret.
 */
public class RefusalException extends RuntimeException {

    private final Refusal refusal;
    private final String detail;

    public RefusalException(Refusal refusal) {
        this(refusal, refusal.detail());
    }

    public RefusalException(Refusal refusal, String detail) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.detail = detail;
    }

    public Refusal refusal() {
        return refusal;
    }

    public int status() {
        return refusal.status();
    }

    public String code() {
        return refusal.code();
    }

    public String title() {
        return refusal.title();
    }

    public String detail() {
        return detail;
    }
}
