package hu.tokenplatform.unlock.code;

import java.time.Instant;

/** The unlock code the agent reads back to the caller, with the CSN and Random it was computed for. */
public record IssuedCode(String csn, String customerId, String random, String code, Instant issuedAt) {

    /** Never print the code, whoever logs this record. */
    @Override
    public String toString() {
        return "IssuedCode[csn=" + csn + ", customerId=" + customerId + ", code=***, issuedAt=" + issuedAt + "]";
    }
}
