package hu.tokenplatform.auth.password;

import hu.tokenplatform.events.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One user's legacy password hash in an import batch, as the old Electra login stored it. */
public record Credential(@NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX) String customerId,
                         @NotNull @Size(max = 300) String passwordHash) {

    /** Never print the hash, whoever logs this record. */
    @Override
    public String toString() {
        return "Credential[customerId=" + customerId + "]";
    }
}
