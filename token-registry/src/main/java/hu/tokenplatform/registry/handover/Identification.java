package hu.tokenplatform.registry.handover;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** How the officer identified the person standing at the counter; the number is kept only masked and hashed. */
public record Identification(
        @NotNull IdentityDocumentType documentType,
        @NotNull @Pattern(regexp = "[A-Z0-9]{6,20}", message = "must be 6 to 20 upper-case letters or digits") String documentNumber) {
}
