package hu.tokenplatform.console.branch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The registry's {@code POST /hand-overs} body: who was identified how, at which branch, and what Token Manager
 * wrote at the desk (the certificate requests and the token's attestations that it generated their keys).
 * {@code signingCsr}/{@code signingAttestation} only with a signing right, {@code replacesCsn} only for a
 * replacement.
 */
public record HandOverRequest(String customerId, String csn, Identification identification, String branch,
                              String loginCsr, JsonNode loginAttestation, String signingCsr,
                              JsonNode signingAttestation, String replacesCsn) {

    /** The identity document as the officer saw it; the registry keeps the number only masked and hashed. */
    public record Identification(String documentType, String documentNumber) {

        @Override
        public String toString() {
            return "Identification[documentType=" + documentType + "]";
        }
    }

    /** Names the hand-over, never the document number. */
    @Override
    public String toString() {
        return "HandOverRequest[customerId=" + customerId + ", csn=" + csn + ", branch=" + branch + "]";
    }
}
