package hu.tokenplatform.console.branch;

import java.util.List;

/** The registry's answer to a hand-over: the token's new state and the certificates to write to it. */
public record HandOverResult(String csn, String customerId, String state, List<IssuedCertificate> certificates) {

    /** The holder as the certificates name them (the login and signing certificates name the same person and token). */
    public String subjectDn() {
        return certificates.isEmpty() ? null : certificates.get(0).subjectDn();
    }
}
