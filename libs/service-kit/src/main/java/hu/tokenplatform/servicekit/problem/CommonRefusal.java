package hu.tokenplatform.servicekit.problem;

/** The refusals every service shares; a service's own refusals are enums of its use cases. */
public enum CommonRefusal implements Refusal {
    VALIDATION_FAILED("validation-failed", 400, "One or more fields are invalid."),
    UNKNOWN_FIELD("unknown-field", 400, "The request has a field this endpoint does not know."),
    UNAUTHENTICATED("unauthenticated", 401, "A valid bearer token is required."),
    FORBIDDEN("forbidden", 403, "Your role does not allow this action."),
    REQUEST_TOO_LARGE("request-too-large", 413, "The request is larger than this endpoint accepts."),
    INTERNAL_ERROR("internal-error", 500, "The request could not be completed.");

    private final Answer answer;

    CommonRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
