package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.Refused;
import hu.tokenplatform.events.ContractedService;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Arrays;
import java.util.List;

/**
 * The branch officer's screens: find or register a company and its users, the user's file (tokens, e-PIN,
 * password login), the hand-over of a token from stock after personal identification, the e-PIN, re-contracting
 * and revocation (each with a confirmation step), and receiving stock. Every step renders the whole page (works
 * without script); a refusal is shown on the same screen in words the officer can act on, with what they typed.
 */
@Path("/branch")
@Produces(MediaType.TEXT_HTML)
// Blocking: the pages wait for a service call.
@Blocking
@RolesAllowed(StaffRoles.BRANCH_OFFICER)
public class BranchResource {

    /** The services a company contracts and a user is given, by name (the pages show {@code b.<name>}). */
    private static final List<String> SERVICES = names(ContractedService.values());

    @Inject
    BranchPage page;

    @Inject
    CustomerRecords records;

    @Inject
    TokenHandOver handOver;

    @Inject
    EPinSetting ePinSetting;

    @Inject
    UserReContracting reContracting;

    @Inject
    TokenRevocation revocation;

    @Inject
    StockReceiving stock;

    @Inject
    @Location("branch/start.html")
    Template start;

    @Inject
    @Location("branch/company.html")
    Template company;

    @Inject
    @Location("branch/user-form.html")
    Template userForm;

    @Inject
    @Location("branch/user.html")
    Template user;

    @Inject
    @Location("branch/hand-over.html")
    Template handOverForm;

    @Inject
    @Location("branch/handed-over.html")
    Template handedOver;

    @Inject
    @Location("branch/re-contract.html")
    Template reContract;

    @Inject
    @Location("branch/revoke.html")
    Template revoke;

    @Inject
    @Location("branch/stock.html")
    Template stockForm;

    // --- find ---------------------------------------------------------------------------------------------------

    @GET
    public TemplateInstance start() {
        return page.of(start);
    }

    @GET
    @Path("/company")
    public TemplateInstance company(@QueryParam("companyId") String companyId) {
        try {
            return page.of(company).data("company", records.company(companyId));
        } catch (Refused e) {
            return page.refused(start, e.code()).data("companyId", companyId);
        }
    }

    @GET
    @Path("/user")
    public TemplateInstance user(@QueryParam("customerId") String customerId) {
        try {
            return userFile(records.user(customerId));
        } catch (Refused e) {
            return page.refused(start, e.code()).data("customerId", customerId);
        }
    }

    // --- register -----------------------------------------------------------------------------------------------

    @GET
    @Path("/companies/new")
    public TemplateInstance newCompany() {
        return companyForm();
    }

    @POST
    @Path("/companies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance registerCompany(@RestForm String companyId, @RestForm String name,
                                            @RestForm List<String> contracts) {
        try {
            return page.of(company).data("company", records.registerCompany(companyId, name, contracts))
                    .data("notice", "notice_company_registered");
        } catch (Refused e) {
            return page.refused(company, e.code()).data("form", true).data("services", SERVICES)
                    .data("companyId", companyId).data("name", name).data("chosen", chosen(contracts));
        }
    }

    @GET
    @Path("/users/new")
    public TemplateInstance newUser(@QueryParam("companyId") String companyId) {
        return page.of(userForm).data("services", SERVICES).data("companyId", companyId)
                .data("chosen", List.of());
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance registerUser(@RestForm String customerId, @RestForm String name, @RestForm String companyId,
                                         @RestForm List<String> services, @RestForm String signingRight) {
        try {
            BankUser registered = records.registerUser(customerId, name, companyId, services, signingRight);
            return userFile(records.user(registered.customerId())).data("notice", "notice_user_registered");
        } catch (Refused e) {
            return page.refused(userForm, e.code()).data("services", SERVICES)
                    .data("customerId", customerId).data("name", name).data("companyId", companyId)
                    .data("chosen", chosen(services)).data("signingRight", BranchInput.ticked(signingRight));
        }
    }

    // --- e-PIN --------------------------------------------------------------------------------------------------

    @POST
    @Path("/e-pin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance setEPin(@RestForm String customerId, @RestForm String ePin, @RestForm String ePinAgain) {
        try {
            ePinSetting.set(customerId, ePin, ePinAgain);
            return userFile(records.user(customerId)).data("notice", "notice_e_pin_set");
        } catch (Refused e) {
            // The user's file again, with the refusal at the e-PIN form; never the e-PIN typed.
            return refusedOnUserFile(customerId, e.code());
        }
    }

    // --- hand-over ----------------------------------------------------------------------------------------------

    @GET
    @Path("/hand-over")
    public TemplateInstance handOverForm(@QueryParam("customerId") String customerId) {
        try {
            UserFile file = records.user(customerId);
            UserToken live = file.liveToken();
            HandOverForm form = new HandOverForm(file.user().customerId(), "", IdentityDocument.ID_CARD.name(), "", "",
                    live == null ? "" : live.csn(), "", "", "", "");
            return handOverPage(file.user(), form);
        } catch (Refused e) {
            return page.refused(start, e.code()).data("customerId", customerId);
        }
    }

    @POST
    @Path("/hand-over")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance handOver(@RestForm String customerId, @RestForm String csn, @RestForm String documentType,
                                     @RestForm String documentNumber, @RestForm String branch,
                                     @RestForm String replacesCsn, @RestForm String loginCsr,
                                     @RestForm String loginAttestation, @RestForm String signingCsr,
                                     @RestForm String signingAttestation) {
        HandOverForm form = new HandOverForm(customerId, csn, documentType, documentNumber, branch, replacesCsn,
                loginCsr, loginAttestation, signingCsr, signingAttestation);
        try {
            HandOverResult result = handOver.handOver(form);
            return page.of(handedOver).data("result", result)
                    .data("signing", result.certificates().stream().anyMatch(c -> "SIGNING".equals(c.usage())));
        } catch (Refused e) {
            BankUser holder = null;
            try {
                holder = records.user(customerId).user();
            } catch (Refused notFound) {
                // The refusal already says what is wrong; the form is shown without the user's name.
            }
            return handOverPage(holder, form).data("refusal", page.refusal(e.code())).data("refusalCode", e.code());
        }
    }

    /** A certificate of the token as a file for {@code token-manager enrol write-certificates}. */
    @GET
    @Path("/tokens/{csn}/{usage}-certificate.pem")
    @Produces("application/x-pem-file")
    public Response certificate(@PathParam("csn") String csn, @PathParam("usage") String usageName) {
        CertificateUsage usage = CertificateUsage.ofPath(usageName);
        if (usage == null) {
            return Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=UTF-8").build();
        }
        try {
            IssuedCertificate certificate = handOver.certificate(csn, usage);
            return Response.ok(certificate.pem(), "application/x-pem-file")
                    .header("Content-Disposition", "attachment; filename=\"" + usage.fileName() + "\"").build();
        } catch (Refused e) {
            return Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=UTF-8")
                    .entity(page.refusal(e.code())).build();
        }
    }

    // --- re-contracting -----------------------------------------------------------------------------------------

    @GET
    @Path("/re-contracting")
    public TemplateInstance reContractConfirmation(@QueryParam("customerId") String customerId) {
        try {
            return page.of(reContract).data("user", records.user(customerId).user());
        } catch (Refused e) {
            return page.refused(start, e.code()).data("customerId", customerId);
        }
    }

    @POST
    @Path("/re-contracting")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance reContract(@RestForm String customerId, @RestForm String contractReference,
                                       @RestForm String confirmed) {
        try {
            reContracting.reContract(customerId, contractReference, confirmed);
            return userFile(records.user(customerId)).data("notice", "notice_re_contracted");
        } catch (Refused e) {
            try {
                return page.refused(reContract, e.code()).data("user", records.user(customerId).user())
                        .data("contractReference", contractReference);
            } catch (Refused notFound) {
                return page.refused(start, notFound.code()).data("customerId", customerId);
            }
        }
    }

    // --- revocation ---------------------------------------------------------------------------------------------

    @GET
    @Path("/revocation")
    public TemplateInstance revocationConfirmation(@QueryParam("csn") String csn, @QueryParam("customerId") String customerId) {
        return page.of(revoke).data("csn", csn).data("customerId", customerId).data("reasons", names(RevocationReason.values()));
    }

    @POST
    @Path("/revocation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance revoke(@RestForm String csn, @RestForm String customerId, @RestForm String reason,
                                   @RestForm String confirmed) {
        try {
            RevokedToken revoked = revocation.revoke(csn, reason, confirmed);
            return page.of(revoke).data("revoked", revoked).data("customerId", revoked.ownerCustomerId());
        } catch (Refused e) {
            return page.refused(revoke, e.code()).data("csn", csn).data("customerId", customerId)
                    .data("reasons", names(RevocationReason.values())).data("reason", reason);
        }
    }

    // --- stock --------------------------------------------------------------------------------------------------

    @GET
    @Path("/stock")
    public TemplateInstance stockForm() {
        return page.of(stockForm);
    }

    @POST
    @Path("/stock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance receiveStock(@RestForm String deliveryReference, @RestForm String model, @RestForm String csns) {
        try {
            return page.of(stockForm).data("receipt", stock.receive(deliveryReference, model, csns));
        } catch (Refused e) {
            return page.refused(stockForm, e.code()).data("deliveryReference", deliveryReference).data("model", model)
                    .data("csns", csns);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private TemplateInstance companyForm() {
        return page.of(company).data("form", true).data("services", SERVICES)
                .data("chosen", List.of(ContractedService.ELECTRA.name(), ContractedService.E_POSTA.name()));
    }

    private TemplateInstance userFile(UserFile file) {
        return page.of(user).data("file", file).data("u", file.user());
    }

    private TemplateInstance refusedOnUserFile(String customerId, String code) {
        try {
            return userFile(records.user(customerId)).data("refusal", page.refusal(code)).data("refusalCode", code);
        } catch (Refused notFound) {
            return page.refused(start, notFound.code()).data("customerId", customerId);
        }
    }

    private TemplateInstance handOverPage(BankUser holder, HandOverForm form) {
        return page.of(handOverForm).data("holder", holder).data("form", form)
                .data("documentTypes", names(IdentityDocument.values()));
    }

    /** The boxes ticked, to tick them again; only names the console knows. */
    private static List<String> chosen(List<String> values) {
        return values == null ? List.of() : values.stream().filter(SERVICES::contains).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
