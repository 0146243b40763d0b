package hu.tokenplatform.console.helpdesk;

import hu.tokenplatform.console.layout.Page;
import hu.tokenplatform.console.services.Refused;
import hu.tokenplatform.events.StaffRoles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The helpdesk screen: verify the caller, then take CSN, Random and the reason, and show the Code for dictation.
 * Each step renders the whole page (works without script); a refusal is shown in words the agent can say.
 */
@Path("/helpdesk")
@Produces(MediaType.TEXT_HTML)
// Blocking: the pages wait for a service call.
@Blocking
@RolesAllowed(StaffRoles.HELPDESK)
public class HelpdeskResource {

    /** unlock-service's code for a verification that is unknown, expired or another agent's. */
    private static final String VERIFICATION_ENDED = "verification-invalid";

    @Inject
    Page page;

    @Inject
    HelpdeskCall call;

    @Inject
    @Location("helpdesk.html")
    Template helpdesk;

    @GET
    public TemplateInstance start() {
        return page.of(helpdesk).data("step", "verify");
    }

    @POST
    @Path("/caller-verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance verify(@RestForm String customerId, @RestForm String ePin) {
        try {
            CallerVerification verification = call.verify(customerId, ePin);
            return page.of(helpdesk).data("step", "token").data("verification", verification);
        } catch (Refused e) {
            return refusedAt("verify", e.code()).data("customerId", customerId);
        }
    }

    @POST
    @Path("/unlock-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance unlockCode(@RestForm String verificationId, @RestForm String customerId,
                                       @RestForm String expiresAt, @RestForm String csn, @RestForm String random,
                                       @RestForm String reason) {
        CallerVerification verification = new CallerVerification(verificationId, customerId, instantOrNull(expiresAt));
        try {
            UnlockCode code = call.unlockCode(verificationId, csn, random, reason);
            return page.of(helpdesk).data("step", "code").data("code", code);
        } catch (Refused e) {
            if (VERIFICATION_ENDED.equals(e.code())) {
                // Expired, or another agent's: only a new verification helps, so that is the step shown.
                return refusedAt("verify", e.code()).data("customerId", customerId);
            }
            return refusedAt("token", e.code()).data("verification", verification)
                    .data("csn", csn).data("random", random).data("reason", reason);
        }
    }

    /** The expiry the page carried along; shown only, unlock-service decides whether the verification lasts. */
    private static Instant instantOrNull(String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The step again, with the refusal in words the agent can say. */
    private TemplateInstance refusedAt(String step, String code) {
        return page.of(helpdesk).data("step", step).data("refusal", page.refusal(code)).data("refusalCode", code);
    }
}
