package hu.tokenplatform.servicekit.problem;

/** A use case's refusals, as a service lists them: one with the title of its status, one with its own title. */
enum PaymentRefusal implements Refusal {
    ACCOUNT_CLOSED("account-closed", 409, "The account is closed."),
    SIGNATURE_NOT_ACCEPTED("signature-not-accepted", 422, "The signature does not match the payment.") {
        @Override
        public String title() {
            return "Signature not accepted";
        }
    };

    private final String code;
    private final int status;
    private final String detail;

    PaymentRefusal(String code, int status, String detail) {
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
