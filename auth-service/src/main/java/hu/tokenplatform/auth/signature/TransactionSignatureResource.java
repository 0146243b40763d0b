package hu.tokenplatform.auth.signature;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.oidc.AccessTokens;
import hu.tokenplatform.servicekit.problem.CommonRefusal;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Base64;

/**
 * Transaction signature verification for the Electra backend. The caller authenticates with an access token of
 * this provider with scope {@code transaction-signatures}, which a confidential client gets through the client
 * credentials grant. Document and signature travel base64-encoded; the document is at most
 * {@code auth.signatures.max-document-bytes}.
 */
@Path("/signatures/v1/verifications")
public class TransactionSignatureResource {

    public static final String SCOPE = "transaction-signatures";
    /** Within the 2 MB request limit; the configured document limit is checked on the decoded bytes. */
    private static final int MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;

    public record VerificationRequest(
            @NotNull @Size(max = MAX_DOCUMENT_CHARS) @Pattern(regexp = "[A-Za-z0-9+/=]*") String document,
            @NotNull @Size(min = 16, max = 65536) @Pattern(regexp = "[A-Za-z0-9+/=]*") String signature) {
    }

    public record VerificationResult(boolean valid, String customerId, String companyId, String csn,
                                     String certificateSerialNumber, Instant signingTime) {
    }

    @Inject
    AccessTokens tokens;

    @Inject
    TransactionSignatureVerifier verifier;

    @Inject
    AuthConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a detached CMS signature over a document (bearer token with scope transaction-signatures)")
    public VerificationResult verify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @NotNull @Valid VerificationRequest request) {
        if (tokens.verify(authorization, SCOPE).isEmpty()) {
            throw CommonRefusal.UNAUTHENTICATED.exception("An access token with scope " + SCOPE + " is required.");
        }
        byte[] document = decode(request.document());
        if (document.length > config.signatures().maxDocumentBytes()) {
            throw VerificationRequestRefusal.DOCUMENT_TOO_LARGE.exception(
                    "Documents of at most " + config.signatures().maxDocumentBytes() + " bytes are verified.");
        }
        TransactionSignatureVerifier.Verified verified = verifier.verify(document, decode(request.signature()));
        return new VerificationResult(true, verified.customerId(), verified.companyId(), verified.csn(),
                verified.certificateSerialNumber(), verified.signingTime());
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CommonRefusal.VALIDATION_FAILED.exception("document and signature must be base64.");
        }
    }
}
