package hu.tokenplatform.console.helpdesk;

/** unlock-service's {@code POST /caller-verifications} body: the customer identifier and e-PIN as dictated. */
public record CallerVerificationRequest(String customerId, String ePin) {

    /** Never the e-PIN: records end up in logs by accident more often than on purpose. */
    @Override
    public String toString() {
        return "CallerVerificationRequest[customerId=" + customerId + "]";
    }
}
