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

    private final Answer answer;

    AgentRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
