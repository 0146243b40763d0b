package hu.tokenplatform.console.branch;

/**
 * The hand-over as the officer filled it in: the person's identification, the branch, the token, and the files
 * {@code token-manager enrol generate-keys} wrote at the desk (chosen as files or pasted as text). Shown again on a
 * refusal, so that nothing has to be typed twice; the document number is kept out of {@link #toString()}.
 */
public record HandOverForm(String customerId, String csn, String documentType, String documentNumber, String branch,
                           String replacesCsn, String loginCsr, String loginAttestation, String signingCsr,
                           String signingAttestation) {

    @Override
    public String toString() {
        return "HandOverForm[customerId=" + customerId + ", csn=" + csn + "]";
    }
}
