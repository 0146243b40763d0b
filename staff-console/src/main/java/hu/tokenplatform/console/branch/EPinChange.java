package hu.tokenplatform.console.branch;

/** unlock-service's {@code PUT /customers/{customerId}/e-pin} body. */
public record EPinChange(String ePin) {

    /** Never the e-PIN: records end up in logs by accident more often than on purpose. */
    @Override
    public String toString() {
        return "EPinChange[ePin=***]";
    }
}
