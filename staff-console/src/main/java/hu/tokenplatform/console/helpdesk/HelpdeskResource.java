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
        CallerVerification verification;
        try {
            verification = call.verify(customerId, ePin);
        } catch (Refused e) {
            return refusedAt("verify", e.code()).data("customerId", customerId);
        }
        try {
            return tokenStep(verification.verificationId(), call.callerTokens(verification.verificationId()));
        } catch (Refused e) {
            return refusedAt("verify", e.code()).data("customerId", customerId);
        }
    }

    @POST
    @Path("/unlock-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance unlockCode(@RestForm String verificationId, @RestForm String customerId,
                                       @RestForm String csn, @RestForm String random, @RestForm String reason) {
        try {
            UnlockCode code = call.unlockCode(verificationId, csn, random, reason);
            return page.of(helpdesk).data("step", "code").data("code", code);
        } catch (Refused refused) {
            if (HelpdeskCall.VERIFICATION_ENDED.equals(refused.code())) {
                // Expired, or another agent's: only a new verification helps, so that is the step shown.
                return refusedAt("verify", refused.code()).data("customerId", customerId);
            }
            // The step again, with the caller's tokens as unlock-service knows them now (the page's copy is not trusted).
            CallerTokens tokens;
            try {
                tokens = call.callerTokens(verificationId);
            } catch (Refused ended) {
                return refusedAt("verify", ended.code()).data("customerId", customerId);
            }
            return tokenStep(verificationId, tokens).data("refusal", page.refusal(refused.code())).data("refusalCode", refused.code())
                    .data("csn", csn).data("random", random).data("reason", reason);
        }
    }

    /** Step 2: the verified caller, their tokens, and the form for CSN, Random and reason. */
    private TemplateInstance tokenStep(String verificationId, CallerTokens tokens) {
        return page.of(helpdesk).data("step", "token").data("verificationId", verificationId).data("caller", tokens);
    }

    /** The step again, with the refusal in words the agent can say. */
    private TemplateInstance refusedAt(String step, String code) {
        return page.of(helpdesk).data("step", step).data("refusal", page.refusal(code)).data("refusalCode", code);
    }
}
