package hu.tokenplatform.auth.agent;

import hu.tokenplatform.servicekit.problem.Refusal;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;

/**
 * Why the agent listener refuses a request before any login rule is asked: it is not a login assertion as sent.
 * A body too large is {@link hu.tokenplatform.servicekit.problem.CommonRefusal#REQUEST_TOO_LARGE}.
 */
enum AgentRefusal implements Refusal {
    NOT_FOUND("not-found", 404, "The agent listener serves only " + LoginAssertion.PATH + "."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Use POST."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Send application/json.");

    private final String code;
    private final int status;
    private final String detail;

    AgentRefusal(String code, int status, String detail) {
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
