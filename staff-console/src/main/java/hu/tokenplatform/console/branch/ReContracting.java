package hu.tokenplatform.console.branch;

/** The registry's {@code POST /users/{customerId}/re-contracting} body: the reference of the new contract. */
public record ReContracting(String contractReference) {
}
