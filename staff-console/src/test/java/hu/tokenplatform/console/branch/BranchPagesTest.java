package hu.tokenplatform.console.branch;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The branch screens without Keycloak ({@code @TestSecurity}), token-registry and unlock-service stubbed
 * ({@link BranchServicesStub}): who may see them, CSRF on every form, shapes checked before a service is called,
 * the confirmation steps, refusals in words, and the e-PIN never echoed.
 */
@QuarkusTest
class BranchPagesTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIBcsr\n-----END CERTIFICATE REQUEST-----\n";
    private static final String ATTESTATION = "{\"format\":\"token-key-attestation-v1\",\"csn\":\"0DE1110000000002\",\"purpose\":\"LOGIN\"}";
    private static final List<String> FORMS = List.of("/branch/companies", "/branch/users", "/branch/e-pin",
            "/branch/hand-over", "/branch/re-contracting", "/branch/revocation", "/branch/stock");

    @Inject
    BranchServicesStub services;

    // --- who may see the branch ---------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aBranchOfficerHasTheBranchInTheMenuAndNotTheOtherRolesScreens() {
        given().get("/").then().statusCode(200)
                .body(containsString("id=\"menu-branch\" href=\"/branch\""))
                .body(not(containsString("id=\"menu-helpdesk\"")))
                .body(not(containsString("id=\"menu-auditor\"")));
        given().get("/branch").then().statusCode(200).body(containsString("id=\"find-user\""));
        given().get("/helpdesk").then().statusCode(403).body(containsString("id=\"forbidden\""));
        given().get("/auditor").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "helpdesk", roles = "helpdesk")
    void aHelpdeskAgentIsKeptOutOfEveryBranchScreen() {
        for (String path : List.of("/branch", "/branch/user?customerId=12345678", "/branch/company?companyId=DEMO-KFT",
                "/branch/hand-over?customerId=12345678", "/branch/re-contracting?customerId=12345678",
                "/branch/revocation?csn=0DE1110000000001", "/branch/stock", "/branch/companies/new", "/branch/users/new",
                "/branch/tokens/0DE1110000000001/login-certificate.pem")) {
            given().get(path).then().statusCode(403);
        }
        given().get("/").then().body(not(containsString("id=\"menu-branch\"")));
    }

    @Test
    @TestSecurity(user = "auditor", roles = {"auditor", "ops"})
    void auditorsAndOperationsAreKeptOutOfTheBranchToo() {
        given().get("/branch").then().statusCode(403).body(containsString("id=\"staff-name\">auditor<"));
        given().get("/branch/user?customerId=12345678").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void everyBranchFormSentWithoutItsCsrfTokenIsRefusedAndReachesNoService() {
        int before = services.requests().size();
        for (String form : FORMS) {
            given().formParam("customerId", "12345678").formParam("csn", "0DE1110000000001")
                    .formParam("reason", "LOST").formParam("confirmed", "yes").post(form).then().statusCode(400);
        }
        assertEquals(before, services.requests().size(), "no call reached a service");
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void branchPagesCarryNoInlineScriptOrStyle() {
        for (String path : List.of("/branch", "/branch/user?customerId=12345678", "/branch/hand-over?customerId=12345678",
                "/branch/re-contracting?customerId=12345678", "/branch/revocation?csn=0DE1110000000001", "/branch/stock",
                "/branch/companies/new", "/branch/users/new")) {
            Response page = given().get(path);
            page.then().statusCode(200).header("Cache-Control", "no-store");
            String html = page.asString();
            assertFalse(html.contains("<script>") || html.contains("style=") || Pattern.compile("\\son[a-z]+=").matcher(html).find(),
                    "inline script or style on " + path);
        }
    }

    // --- find and register --------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void theUsersFileShowsTokensTheEPinAndWhetherPasswordLoginIsStillOn() {
        given().get("/branch/user?customerId=12345678").then().statusCode(200)
                .body(containsString("id=\"user-customer-id\">12345678<"))
                .body(containsString("data-csn=\"0DE1110000000001\""))
                .body(containsString("használatban"))
                .body(containsString("id=\"revoke-0DE1110000000001\""))
                .body(containsString("még lehetséges"))
                .body(containsString("Beállítva:"))
                .body(containsString("Csere token átadása"));
        given().get("/branch/user?customerId=87654321").then()
                .body(containsString("megszűnt az átszerződéskor"))
                .body(containsString("SZ-2026/0001"))
                .body(not(containsString("id=\"re-contract\"")));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aUserUnlockServiceHasNotHeardOfYetIsSaidSoInsteadOfFailing() {
        given().get("/branch/user?customerId=99999999").then().statusCode(200)
                .body(containsString("Az unlock-service még nem tud erről a felhasználóról"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aMistypedIdentifierIsNamedBeforeAnyServiceIsAsked() {
        int before = services.requests().size();
        given().get("/branch/user?customerId=1234").then().statusCode(200)
                .body(containsString("data-code=\"invalid-customer-id\""))
                .body(containsString("pontosan 8 számjegy"));
        given().get("/branch/company?companyId=-bad id").then()
                .body(containsString("data-code=\"invalid-company-id\""));
        assertEquals(before, services.requests().size());
        given().get("/branch/user?customerId=11112222").then()
                .body(containsString("data-code=\"user-not-found\""))
                .body(containsString("Nincs felhasználó ezzel az ügyfélazonosítóval"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aCompanyIsRegisteredWithItsContractsAndAnExistingOneIsSaidPlainly() {
        postWithCsrf("/branch/companies", "companyId", "uj-kft", "name", "Új Kft.", "contracts", "ELECTRA").then()
                .body(containsString("id=\"company-id\">UJ-KFT<"))
                .body(containsString("A cég felvéve."));
        assertTrue(services.requests().get(services.requests().size() - 1)
                .contains("{\"companyId\":\"UJ-KFT\",\"name\":\"Új Kft.\",\"contracts\":[\"ELECTRA\"]}"));
        postWithCsrf("/branch/companies", "companyId", "DEMO-KFT", "name", "Demo", "contracts", "ELECTRA").then()
                .body(containsString("data-code=\"company-exists\""))
                .body(containsString("value=\"Demo\""));
        postWithCsrf("/branch/companies", "companyId", "NEW-KFT", "name", "New").then()
                .body(containsString("data-code=\"invalid-services\""));
        postWithCsrf("/branch/companies", "companyId", "NEW-KFT", "name", "New", "contracts", "SOMETHING").then()
                .body(containsString("data-code=\"invalid-services\""));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aUserIsRegisteredWithServicesAndSigningRightAndLandsOnTheirFile() {
        postWithCsrf("/branch/users", "customerId", "12345678", "name", "Kovács Anna", "companyId", "demo-kft",
                "services", "ELECTRA", "services", "E_POSTA", "signingRight", "yes").then().statusCode(200)
                .body(containsString("A felhasználó felvéve."))
                .body(containsString("id=\"user-customer-id\">12345678<"));
        String call = services.requests().stream().filter(r -> r.startsWith("POST /stub/token-registry/users ")).reduce((a, b) -> b).orElseThrow();
        assertTrue(call.contains("\"signingRight\":true") && call.contains("\"companyId\":\"DEMO-KFT\""), call);
        postWithCsrf("/branch/users", "customerId", "12345678", "name", "Anna\nInjected", "companyId", "DEMO-KFT",
                "services", "ELECTRA").then().body(containsString("data-code=\"invalid-name\""));
        // A right-to-left override would show "Anna" + reversed text on pages and in audit entries.
        postWithCsrf("/branch/users", "customerId", "12345678", "name", "Anna \u202Eylno", "companyId", "DEMO-KFT",
                "services", "ELECTRA").then().body(containsString("data-code=\"invalid-name\""));
    }

    // --- e-PIN --------------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void theEPinIsSetTypedTwiceAndNeverComesBackIntoThePage() {
        postWithCsrf("/branch/e-pin", "customerId", "12345678", "ePin", "482915", "ePinAgain", "482915").then().statusCode(200)
                .body(containsString("Az e-PIN beállítva."))
                .body(not(containsString("482915")));
        int before = services.requests().size();
        postWithCsrf("/branch/e-pin", "customerId", "12345678", "ePin", "482915", "ePinAgain", "482916").then()
                .body(containsString("data-code=\"e-pins-differ\""))
                .body(not(containsString("482915"))).body(not(containsString("482916")));
        postWithCsrf("/branch/e-pin", "customerId", "12345678", "ePin", "48291", "ePinAgain", "48291").then()
                .body(containsString("data-code=\"invalid-e-pin\""));
        assertTrue(services.requests().subList(before, services.requests().size()).stream().noneMatch(r -> r.startsWith("PUT")),
                "a mistyped e-PIN reaches no service");
        postWithCsrf("/branch/e-pin", "customerId", "12345678", "ePin", "111111", "ePinAgain", "111111").then()
                .body(containsString("data-code=\"weak-e-pin\""))
                .body(containsString("túl könnyen kitalálható"))
                .body(not(containsString("111111")));
    }

    // --- hand-over ----------------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void theHandOverFormSaysWhatTheOfficerDoesAtTheTokenAndNamesTheTokenItReplaces() {
        given().get("/branch/hand-over?customerId=12345678").then().statusCode(200)
                .body(containsString("token-manager enrol generate-keys --out MAPPA --signing"))
                .body(containsString("name=\"replacesCsn\" maxlength=\"20\" value=\"0DE1110000000001\""))
                .body(containsString("<script src=\"/static/branch-files.js\" defer></script>"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aHandOverCarriesTheTokensFilesAndTheIdentificationAndGivesTheCertificatesBack() {
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0de1 1100 0000 0002", "documentType", "PASSPORT",
                "documentNumber", "ab 123456", "branch", "budapest-01", "replacesCsn", "0DE1110000000001",
                "loginCsr", CSR, "loginAttestation", ATTESTATION, "signingCsr", CSR.replace("csr", "sig"),
                "signingAttestation", ATTESTATION.replace("LOGIN", "SIGNING")).then().statusCode(200)
                .body(containsString("id=\"handed-over-csn\">0DE1110000000002<"))
                .body(containsString("href=\"/branch/tokens/0DE1110000000002/login-certificate.pem\""))
                .body(containsString("href=\"/branch/tokens/0DE1110000000002/signing-certificate.pem\""))
                .body(containsString("token-manager enrol write-certificates --login login-certificate.pem --signing signing-certificate.pem"));
        JsonObject sent = services.lastHandOver();
        assertEquals("0DE1110000000002", sent.getString("csn"));
        assertEquals(new JsonObject().put("documentType", "PASSPORT").put("documentNumber", "AB123456"), sent.getJsonObject("identification"));
        assertEquals("BUDAPEST-01", sent.getString("branch"));
        assertEquals("0DE1110000000001", sent.getString("replacesCsn"));
        assertEquals("LOGIN", sent.getJsonObject("loginAttestation").getString("purpose"), "the attestation goes on as JSON");
        assertEquals("SIGNING", sent.getJsonObject("signingAttestation").getString("purpose"));
        assertTrue(sent.getString("loginCsr").startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aHandOverWithFilesOfTheWrongShapeIsRefusedBeforeTheRegistryAndKeepsWhatWasTyped() {
        int before = services.requests().size();
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", CSR, "loginAttestation", "not json").then()
                .body(containsString("data-code=\"invalid-login-attestation\""))
                .body(containsString("value=\"AB123456\""))
                .body(containsString("-----BEGIN CERTIFICATE REQUEST-----"));
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", "-----BEGIN CERTIFICATE-----", "loginAttestation", ATTESTATION).then()
                .body(containsString("data-code=\"invalid-login-csr\""));
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", CSR, "loginAttestation", ATTESTATION,
                "signingCsr", CSR).then()
                .body(containsString("data-code=\"invalid-signing-attestation\""));
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "SELFIE",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", CSR, "loginAttestation", ATTESTATION).then()
                .body(containsString("data-code=\"invalid-document-type\""));
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB12", "branch", "BUDAPEST-01", "loginCsr", CSR, "loginAttestation", ATTESTATION).then()
                .body(containsString("data-code=\"invalid-document-number\""));
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", CSR + "x".repeat(TokenHandOver.CSR_MAX_CHARS),
                "loginAttestation", ATTESTATION).then()
                .body(containsString("data-code=\"invalid-login-csr\""));
        assertTrue(services.requests().subList(before, services.requests().size()).stream().noneMatch(r -> r.contains("hand-overs")),
                "no hand-over reached the registry");
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aSecondTokenWithoutNamingTheOneItReplacesIsRefusedInWordsTheOfficerCanActOn() {
        postWithCsrf("/branch/hand-over", "customerId", "12345678", "csn", "0DE1110000000002", "documentType", "ID_CARD",
                "documentNumber", "AB123456", "branch", "BUDAPEST-01", "loginCsr", CSR, "loginAttestation", ATTESTATION).then()
                .body(containsString("data-code=\"live-token-exists\""))
                .body(containsString("Lecserélt token"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aValidCertificateIsGivenAsAFileForTokenManagerAndARevokedOneIsNot() {
        Response login = given().get("/branch/tokens/0DE1110000000001/login-certificate.pem");
        login.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"login-certificate.pem\"");
        assertEquals(BranchServicesStub.PEM, login.asString());
        given().get("/branch/tokens/0DE1110000000001/signing-certificate.pem").then().statusCode(404);
        given().get("/branch/tokens/0DE1110000000001/root-certificate.pem").then().statusCode(404);
        given().get("/branch/tokens/not-a-csn/login-certificate.pem").then().statusCode(404);
    }

    // --- re-contracting and revocation --------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void reContractingSaysThatPasswordLoginEndsNowAndNeedsTheConfirmation() {
        given().get("/branch/re-contracting?customerId=12345678").then().statusCode(200)
                .body(containsString("A jelszavas belépés most, véglegesen megszűnik."));
        int before = services.requests().size();
        postWithCsrf("/branch/re-contracting", "customerId", "12345678", "contractReference", "SZ-2026/0042").then()
                .body(containsString("data-code=\"confirmation-required\""))
                .body(containsString("value=\"SZ-2026/0042\""));
        assertTrue(services.requests().subList(before, services.requests().size()).stream().noneMatch(r -> r.contains("re-contracting")),
                "not confirmed: the registry is not asked");
        postWithCsrf("/branch/re-contracting", "customerId", "12345678", "contractReference", "SZ 2026", "confirmed", "yes").then()
                .body(containsString("data-code=\"invalid-contract-reference\""));
        postWithCsrf("/branch/re-contracting", "customerId", "12345678", "contractReference", "SZ-2026/0042", "confirmed", "yes").then()
                .body(containsString("Az átszerződés rögzítve: a jelszavas belépés megszűnt."));
        postWithCsrf("/branch/re-contracting", "customerId", "87654321", "contractReference", "SZ-2026/0042", "confirmed", "yes").then()
                .body(containsString("data-code=\"already-re-contracted\""));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void aRevocationNeedsAReasonAndTheConfirmationAndSaysWhetherTheServicesKnow() {
        int before = services.requests().size();
        postWithCsrf("/branch/revocation", "csn", "0DE1110000000001", "customerId", "12345678", "reason", "LOST").then()
                .body(containsString("data-code=\"confirmation-required\""));
        postWithCsrf("/branch/revocation", "csn", "0DE1110000000001", "reason", "REPLACED", "confirmed", "yes").then()
                .body(containsString("data-code=\"invalid-revocation-reason\""));
        assertTrue(services.requests().subList(before, services.requests().size()).stream().noneMatch(r -> r.contains("revocation")));
        postWithCsrf("/branch/revocation", "csn", "0de1110000000001", "customerId", "12345678", "reason", "STOLEN", "confirmed", "yes").then()
                .body(containsString("id=\"revoked-csn\">0DE1110000000001<"))
                .body(containsString("ellopták"))
                .body(containsString("A belépési és a feloldó szolgáltatás értesült"));
        postWithCsrf("/branch/revocation", "csn", "0DE1110000000002", "reason", "RETURNED", "confirmed", "yes").then()
                .body(containsString("A visszavonás érvényes, de a belépési és a feloldó szolgáltatás még nem igazolta vissza"));
        postWithCsrf("/branch/revocation", "csn", "0DE111000000000F", "reason", "LOST", "confirmed", "yes").then()
                .body(containsString("data-code=\"token-already-revoked\""));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void stockIsReceivedAsOnTheDeliveryNote() {
        postWithCsrf("/branch/stock", "deliveryReference", "DN-2026/07", "model", "Virtual token",
                "csns", "0de1 1100 0000 0003\n0DE1110000000004, 0DE1110000000004").then()
                .body(containsString("id=\"stock-receipt\""))
                .body(containsString("2 CSN"));
        postWithCsrf("/branch/stock", "deliveryReference", "DN-2026/07", "model", "Virtual token", "csns", "XYZ").then()
                .body(containsString("data-code=\"invalid-csn\""));
    }

    @Test
    @TestSecurity(user = "officer", roles = "branch-officer")
    void theBranchSpeaksEnglishWhenChosenAndTheSwitchComesBackToTheBranch() {
        Response choice = given().redirects().follow(false).get("/language?lang=en&back=/branch");
        choice.then().statusCode(303).header("Location", containsString("/branch"));
        given().cookie("console-lang", choice.getCookie("console-lang")).get("/branch/re-contracting?customerId=12345678").then()
                .body(containsString("Password login ends now, for good."));
        given().cookie("console-lang", "en").get("/branch/user?customerId=1").then()
                .body(containsString("The customer identifier is exactly 8 digits."));
    }

    /** A form sent as the browser sends it: with the CSRF cookie and field from the page it was on. */
    private static Response postWithCsrf(String path, String... fields) {
        Response page = given().get("/branch/stock");
        Matcher token = CSRF_FIELD.matcher(page.asString());
        assertTrue(token.find(), "the page has a CSRF field");
        // As a browser sends a form of a UTF-8 page: UTF-8, whatever REST Assured's default (ISO-8859-1) would make of it.
        RequestSpecification request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("csrf-token", page.getCookie("csrf-token")).formParam("csrf-token", token.group(1));
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }
}
