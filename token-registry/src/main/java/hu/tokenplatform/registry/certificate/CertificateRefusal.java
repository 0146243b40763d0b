package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a token's certificate signing request is not certified. */
public enum CertificateRefusal implements Refusal {
    INVALID_CSR("invalid-csr", 422, "The certificate signing request is refused.");

    private final String code;
    private final int status;
    private final String detail;

    CertificateRefusal(String code, int status, String detail) {
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
