package hu.tokenplatform.servicekit.problem;

/** The refusals every service shares; a service's own refusals are enums of its use cases. */
public enum CommonRefusal implements Refusal {
    VALIDATION_FAILED("validation-failed", 400, "One or more fields are invalid."),
    UNKNOWN_FIELD("unknown-field", 400, "The request has a field this endpoint does not know."),
    UNAUTHENTICATED("unauthenticated", 401, "A valid bearer token is required."),
    FORBIDDEN("forbidden", 403, "Your role does not allow this action."),
    REQUEST_TOO_LARGE("request-too-large", 413, "The request is larger than this endpoint accepts."),
    INTERNAL_ERROR("internal-error", 500, "The request could not be completed.");

    private final String code;
    private final int status;
    private final String detail;

    CommonRefusal(String code, int status, String detail) {
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String detail() {
        return detail;
    }
}
