package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a token's certificate signing request is not certified. */
public enum CertificateRefusal implements Refusal {
    INVALID_CSR("invalid-csr", 422, "The certificate signing request is refused.");

    private final Answer answer;

    CertificateRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
