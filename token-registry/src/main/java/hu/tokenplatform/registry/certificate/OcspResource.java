package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.OcspResponder;
import hu.tokenplatform.registry.certificate.ca.OcspResponder.Answer;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Date;

/**
 * The OCSP responder (RFC 6960), public like the CRL: POST with the DER request, or GET with it URL-encoded base64
 * in the path (appendix A.1). Every answer, errors included, is an OCSPResponse with HTTP 200, so that a relying
 * party always gets an answer it can parse: a body over {@link OcspResponder#MAX_REQUEST_BYTES} is
 * {@code malformedRequest} like any other request this responder cannot take, not a 413.
 */
@Path("/ocsp")
@PermitAll
public class OcspResource {

    public static final String OCSP_REQUEST = "application/ocsp-request";
    public static final String OCSP_RESPONSE = "application/ocsp-response";
    /** A revocation must reach relying parties quickly: caches may keep an answer without nonce a minute at most. */
    private static final long MAX_CACHE_SECONDS = 60;

    @Inject
    OcspService ocsp;

    @POST
    @Consumes(OCSP_REQUEST)
    @Produces(OCSP_RESPONSE)
    @Operation(summary = "OCSP request (DER) about certificates of the issuing CA")
    public Response post(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) throws IOException {
        // Never more than one byte past the largest request is read: a body declared larger is refused unread, and
        // one that turns out larger (chunked) is refused by the responder for that extra byte.
        if (contentLength != null && contentLength > OcspResponder.MAX_REQUEST_BYTES) {
            return respond(ocsp.refuseOversized());
        }
        return respond(ocsp.answer(body.readNBytes(OcspResponder.MAX_REQUEST_BYTES + 1)));
    }

    @GET
    @Path("/{request: .+}")
    @Produces(OCSP_RESPONSE)
    @Operation(summary = "OCSP request as URL-encoded base64 of the DER in the path (RFC 6960, A.1)")
    public Response get(@Encoded @PathParam("request") String request) {
        return respond(ocsp.answerGet(request));
    }

    /**
     * An answer to a request with a nonce is for that request alone and an error for nobody: neither is stored.
     * Other answers may be cached until their nextUpdate, at most a minute.
     */
    private static Response respond(Answer answer) {
        CacheControl cacheControl = new CacheControl();
        Response.ResponseBuilder response = Response.ok(answer.der(), OCSP_RESPONSE);
        if (!answer.successful() || answer.nonce()) {
            cacheControl.setNoStore(true);
            return response.cacheControl(cacheControl).build();
        }
        long maxAge = Math.max(0, Math.min(MAX_CACHE_SECONDS,
                Duration.between(answer.thisUpdate(), answer.nextUpdate()).toSeconds()));
        cacheControl.setMaxAge((int) maxAge);
        cacheControl.setMustRevalidate(true);
        return response.cacheControl(cacheControl)
                .lastModified(Date.from(answer.thisUpdate()))
                .expires(Date.from(answer.thisUpdate().plusSeconds(maxAge)))
                .build();
    }
}
