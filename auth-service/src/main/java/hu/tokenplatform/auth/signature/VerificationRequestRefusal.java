package hu.tokenplatform.auth.signature;

import hu.tokenplatform.servicekit.problem.Refusal;

/**
 * Why a verification request is refused before its signature is looked at; a missing access token or a field that
 * is not base64 are {@link hu.tokenplatform.servicekit.problem.CommonRefusal}s.
 */
public enum VerificationRequestRefusal implements Refusal {
    DOCUMENT_TOO_LARGE("document-too-large", 413, "The document is larger than this endpoint verifies.");

    private final Answer answer;

    VerificationRequestRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }

    /** Names the document, not the request: the request may be well within the request limit. */
    @Override
    public String title() {
        return "Document too large";
    }
}
