package hu.tokenplatform.auth.signature;

import hu.tokenplatform.servicekit.problem.Refusal;

/**
 * Why a verification request is refused before its signature is looked at; a missing access token or a field that
 * is not base64 are {@link hu.tokenplatform.servicekit.problem.CommonRefusal}s.
 */
public enum VerificationRequestRefusal implements Refusal {
    DOCUMENT_TOO_LARGE("document-too-large", 413, "The document is larger than this endpoint verifies.");

    private final String code;
    private final int status;
    private final String detail;

    VerificationRequestRefusal(String code, int status, String detail) {
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

    /** Names the document, not the request: the request may be well within the request limit. */
    @Override
    public String title() {
        return "Document too large";
    }
}
