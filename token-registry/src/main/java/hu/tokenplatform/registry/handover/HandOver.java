package hu.tokenplatform.registry.handover;

import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.tokencrypto.attestation.KeyAttestationStatement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A hand-over at contract signing or renewal.
 *
 * @param loginAttestation   the token's statement that it generated the login CSR's key (docs/key-attestation.md);
 *                           without it no certificate (422 attestation-required, checked by the service so that
 *                           the refusal names it)
 * @param signingCsr         required exactly when the user holds a signing right
 * @param signingAttestation the token's statement for the signing CSR's key, required with it
 * @param replacesCsn        the user's current live token, which this hand-over replaces and revokes
 */
public record HandOver(
        @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId,
        @NotNull @Pattern(regexp = Identifiers.CSN_REGEX) String csn,
        @NotNull(message = "personal identification is required before a token is handed over") @Valid Identification identification,
        @NotNull @Pattern(regexp = "[A-Z0-9-]{2,20}") String branch,
        @NotBlank @Size(max = HandOver.MAX_CSR_CHARS) String loginCsr,
        KeyAttestationStatement loginAttestation,
        @Size(max = HandOver.MAX_CSR_CHARS) String signingCsr,
        KeyAttestationStatement signingAttestation,
        @Pattern(regexp = Identifiers.CSN_REGEX) String replacesCsn) {

    /** The longest CSR accepted, in PEM characters (16 KiB). */
    public static final int MAX_CSR_CHARS = 16_384;
}
