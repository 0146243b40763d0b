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

    private final Answer answer;

    PaymentRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
