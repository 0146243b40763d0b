package hu.tokenplatform.auth.password;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a batch of legacy password hashes is refused, all of it: the detail names the credential at fault. */
public enum PasswordImportRefusal implements Refusal {
    UNUSABLE_PASSWORD_HASH("unusable-password-hash", 422, "A password hash is neither usable bcrypt nor PBKDF2."),
    DUPLICATE_CUSTOMER_ID("duplicate-customer-id", 422, "A customer identifier appears twice in the batch.");

    private final Answer answer;

    PasswordImportRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
