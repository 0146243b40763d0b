package hu.tokenplatform.registry.handover;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a token is not handed over. A detail names the request field concerned, never its content. */
public enum HandOverRefusal implements Refusal {
    LIVE_TOKEN_EXISTS("live-token-exists", 409, "The user already holds a live token; hand over a replacement by naming it in replacesCsn."),
    REPLACED_TOKEN_MISMATCH("replaced-token-mismatch", 409, "The token in replacesCsn is not the user's live token."),
    NOTHING_TO_REPLACE("nothing-to-replace", 422, "The user holds no live token to replace."),
    SIGNING_CSR_REQUIRED("signing-csr-required", 422, "The user holds a signing right: the token's signing CSR is required."),
    NO_SIGNING_RIGHT("no-signing-right", 422, "The user holds no signing right: no signing certificate can be issued."),
    CSR_KEY_REUSED("csr-key-reused", 422, "The login and signing certificates need two different key pairs."),
    ATTESTATION_REQUIRED("attestation-required", 422, "The token's signed statement that it generated the key is required."),
    /** Audited when the statement does not prove that the token generated the key ({@link AuditedRefusalException}). */
    ATTESTATION_INVALID("attestation-invalid", 422, "The key attestation is refused."),
    /** Always audited ({@link AuditedRefusalException}): a key certified before may be an attack. */
    KEY_ALREADY_CERTIFIED("key-already-certified", 422, "The public key was certified before; a key is certified only once. "
            + "Generate new keys on the token.");

    private final Answer answer;

    HandOverRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
