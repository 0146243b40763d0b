package hu.tokenplatform.e2e;

import hu.tokenplatform.demo.TokenManagerProgram;
import hu.tokenplatform.platformdriver.RunningPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff console over the running platform, in headless Chromium, signed in through the real Keycloak: a
 * helpdesk agent takes an unlock call from verification (with the caller's tokens shown) to Code, the auditor
 * finds the agent's entry and exports it, a branch officer registers a company and a user, takes a token into
 * stock, hands it over with the files Token Manager writes at the desk, sets the e-PIN, re-contracts and revokes,
 * and the auditor finds these actions under the officer; an operator sees the three services ready and the
 * platform's logins on the Ops screen; a role is kept out of another role's screen, a form without its CSRF token
 * is refused, and all of it in Hungarian and English. Screenshots of each screen go to docs/images/console-*-{hu,en}.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffConsoleIT {

    private static RunningPlatform platform;
    private static Visit visit;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path work = Files.createTempDirectory("staff-console-it");
        platform = new RunningPlatform(work.resolve("var"), "console_it");
        platform.start();
        assertTrue(platform.log().contains("staff console"), "run-platform.sh prints the console's URL");
        visit = new Visit(platform.url("CONSOLE_HTTP_PORT"), platform.secrets(), work, platform.root.resolve("docs/images"),
                platform.url("DEMO_RP_PORT"));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aHelpdeskAgentTakesAnUnlockCallFromVerificationToCodeInBothLanguages() {
        visit.helpdeskUnlockCall();
    }

    @Test
    @Order(2)
    void theAuditorFindsTheAgentsEntryChecksTheChainAndExportsIt() {
        visit.auditorFindsAndExports();
    }

    @Test
    @Order(3)
    void aBranchOfficerRegistersHandsOverSetsTheEPinReContractsAndRevokesInBothLanguages() {
        visit.branchStory(platform);
    }

    @Test
    @Order(4)
    void theAuditorFindsTheOfficersActionsInBothServicesLogs() {
        visit.auditorFindsTheOfficersActions();
    }

    @Test
    @Order(5)
    void anOperatorSeesTheServicesReadyAndThePlatformsLoginsRefreshingByThemselvesInBothLanguages() {
        visit.operatorSeesThePlatform();
    }

    /**
     * What the test does in the browsers, given a running console: kept apart from the platform's start so that
     * the same visit can be made against a platform started by hand.
     */
    static final class Visit {

        /** The demo user run-platform.sh hands a token over to (deploy/demo DemoSetup). */
        static final String DEMO_CUSTOMER_ID = "12345678";
        static final String DEMO_E_PIN = "739146";
        static final String DEMO_CSN = "0DE1110000000001";

        private final URI console;
        private final Map<String, String> secrets;
        private final Path work;
        private final Path images;
        private final URI relyingParty;
        /** The customers the branch story served, for the auditor to find. */
        private final List<BranchCustomer> branchCustomers = new ArrayList<>();

        /** A user the officer registered and handed a token over to, then revoked. */
        record BranchCustomer(String companyId, String customerId, String csn) {
        }

        Visit(URI console, Map<String, String> secrets, Path work, Path images, URI relyingParty) {
            this.console = console;
            this.secrets = secrets;
            this.work = work;
            this.images = images;
            this.relyingParty = relyingParty;
        }

        void helpdeskUnlockCall() {
            try (Browser browser = new Browser(work.resolve("helpdesk-chromium"))) {
                browser.size(1280, 860);
                signIn(browser, "/helpdesk", "helpdesk");
                assertEquals("ügyfélszolgálat", browser.text("staff-roles"));
                browser.element("verify-form");
                browser.screenshot(images.resolve("console-helpdesk-verify-hu.png"));

                // A caller who gets the e-PIN wrong hears it in words the agent can say (an unknown identifier: the same answer).
                verify(browser, unregisteredCustomerId(), "250813");
                assertTrue(browser.text("refusal-words").contains("Az ügyfélazonosító vagy az e-PIN nem megfelelő"),
                        browser.text("refusal-words"));
                browser.screenshot(images.resolve("console-helpdesk-refused-hu.png"));

                String code = unlock(browser, "PIN zárolva, a hívó telefonon", "hu");
                assertTrue(code.matches("[0-9A-Z]+( [0-9A-Z]+)+"), code);

                // The same session, a form without its CSRF token (as another site would send it): refused.
                Object status = browser.runInPage("const done = arguments[arguments.length - 1];"
                        + "fetch('/helpdesk/caller-verification', {method: 'POST', body: new URLSearchParams("
                        + "{customerId: '" + DEMO_CUSTOMER_ID + "', ePin: '" + DEMO_E_PIN + "'})})"
                        + ".then(r => done(r.status), e => done(String(e)));");
                assertEquals(400L, status, "a POST without the CSRF token");

                // The auditor's screen is not the helpdesk's.
                browser.open(console.resolve("/ops").toString());
                browser.element("forbidden");
                browser.open(console.resolve("/auditor").toString());
                browser.element("forbidden");
                browser.screenshot(images.resolve("console-forbidden-hu.png"));
                browser.open(console.resolve("/branch").toString());
                browser.element("forbidden");

                // English, remembered: the next page is English too.
                browser.click("lang-en");
                browser.element("lang-hu");
                browser.open(console.resolve("/helpdesk").toString());
                assertEquals("en", browser.element("page-title").findElement(By.xpath("/html")).getAttribute("lang"));
                assertEquals("helpdesk", browser.text("staff-roles"));
                browser.screenshot(images.resolve("console-helpdesk-verify-en.png"));
                verify(browser, unregisteredCustomerId(), "250813");
                assertTrue(browser.text("refusal-words").contains("The customer identifier or the e-PIN is not right"));
                browser.screenshot(images.resolve("console-helpdesk-refused-en.png"));
                unlock(browser, "PIN locked, caller on the phone", "en");
                browser.open(console.resolve("/auditor").toString());
                assertTrue(browser.text("forbidden").contains("not for your role"));
                browser.screenshot(images.resolve("console-forbidden-en.png"));
            }
        }

        void auditorFindsAndExports() {
            try (Browser browser = new Browser(work.resolve("auditor-chromium"))) {
                browser.size(1280, 860);
                signIn(browser, "/", "auditor");
                browser.screenshot(images.resolve("console-home-hu.png"));
                browser.open(console.resolve("/auditor?service=unlock-service&actor=helpdesk").toString());
                String entries = browser.text("audit-entries");
                assertTrue(entries.contains("unlock.code-issued") && entries.contains(DEMO_CSN), entries);
                // The reason the agent typed in the console is the audit entry's, in the agent's words.
                assertTrue(entries.contains("PIN locked, caller on the phone"), entries);
                assertTrue(browser.element("audit-entries").findElements(By.cssSelector("td.actor")).stream()
                        .allMatch(cell -> cell.getText().equals("helpdesk")), "every entry names the agent");
                assertEquals("chain-ok", browser.element("chain").getAttribute("class"));
                browser.screenshot(images.resolve("console-auditor-hu.png"));

                Object csv = browser.runInPage("const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('export-form').action + '?' + new URLSearchParams("
                        + "new FormData(document.getElementById('export-form')))).then(r => r.text()).then(done, e => done(String(e)));");
                String export = String.valueOf(csv);
                assertTrue(export.startsWith("id,occurredAt,actor,action,subjectType,subjectId,details,entryHash"), export);
                assertTrue(export.contains("\"helpdesk\",\"unlock.code-issued\",\"token\",\"" + DEMO_CSN + "\""), export);

                // A helpdesk agent's screen is not the auditor's.
                browser.open(console.resolve("/helpdesk").toString());
                browser.element("forbidden");

                // The registry audits the Code from unlock-service's event, under the agent too.
                browser.open(console.resolve("/auditor").toString());
                browser.click("lang-en");
                browser.element("lang-hu");
                browser.open(console.resolve("/auditor?service=token-registry&subjectId=" + DEMO_CSN).toString());
                assertTrue(browser.text("chain").contains("intact"));
                browser.await("the registry's entry of the Code", driver -> {
                    boolean there = driver.findElement(By.id("audit-entries")).getText().contains("token.unlock-code-issued");
                    if (!there) {
                        driver.navigate().refresh();
                    }
                    return there;
                });
                browser.screenshot(images.resolve("console-auditor-en.png"));
                browser.open(console.resolve("/").toString());
                browser.screenshot(images.resolve("console-home-en.png"));
            }
        }

        void operatorSeesThePlatform() {
            try (Browser browser = new Browser(work.resolve("ops-chromium"));
                 Browser user = new Browser(work.resolve("login-chromium"))) {
                browser.size(1280, 1300);
                failedPasswordLogin(user);
                signIn(browser, "/ops", "ops");
                for (String service : new String[]{"token-registry", "auth-service", "unlock-service"}) {
                    assertEquals("UP", browser.element("service-" + service).getAttribute("data-health"), service);
                }
                assertTrue(browser.text("tokens-by-state").matches("(?s).*használatban \\d+.*"), browser.text("tokens-by-state"));
                assertTrue(browser.text("crl").matches("(?s).*\\d.*"), browser.text("crl"));
                assertTrue(browser.text("codes-issued").matches("(?s).*\\d+"), browser.text("codes-issued"));
                String firstUpdate = browser.text("ops-updated");

                // The screen refreshes by itself (htmx, every 10 s): no reload here. Prometheus' rate needs the counter
                // in two of its scrapes, so a few more wrong passwords are typed until failed logins show per minute.
                int[] polls = {0};
                browser.await("failed logins per minute on the Ops screen", driver -> {
                    boolean shown = failedPerMinute(driver) > 0;
                    if (!shown && polls[0]++ % 10 == 0) {
                        failedPasswordLogin(user);
                    }
                    return shown;
                });
                browser.await("the screen refreshed by itself", driver -> {
                    try {
                        return !driver.findElement(By.id("ops-updated")).getText().equals(firstUpdate);
                    } catch (StaleElementReferenceException swappedMeanwhile) {
                        return false;
                    }
                });
                String rates = browser.text("login-rates");
                assertTrue(rates.contains("PASSWORD") && rates.contains("invalid-credentials"), rates);
                assertTrue(List.of("prometheus", "scrapes").contains(browser.element("logins-source").getAttribute("data-source")));
                browser.screenshot(images.resolve("console-ops-hu.png"));

                // The operator's role opens no helpdesk screen.
                browser.open(console.resolve("/helpdesk").toString());
                browser.element("forbidden");

                browser.open(console.resolve("/ops").toString());
                browser.click("lang-en");
                browser.element("lang-hu");
                assertTrue(browser.text("page-title").startsWith("Operations"), browser.text("page-title"));
                assertEquals("UP", browser.element("service-auth-service").getAttribute("data-health"));
                browser.await("the English screen's logins", driver -> !driver.findElements(By.id("logins-failed")).isEmpty());
                browser.screenshot(images.resolve("console-ops-en.png"));
            }
        }

        /** Failed logins per minute as the Ops screen shows them; 0 while not shown (or swapped by htmx meanwhile). */
        private static double failedPerMinute(WebDriver driver) {
            try {
                List<WebElement> failed = driver.findElements(By.id("logins-failed"));
                return failed.isEmpty() ? 0 : Double.parseDouble(failed.get(0).getText());
            } catch (StaleElementReferenceException swappedMeanwhile) {
                return 0;
            }
        }

        /**
         * A password login with an identifier nobody has, through the demo relying party and auth-service's login
         * page, as a browser sends it: refused (invalid-credentials) and counted by auth-service.
         */
        private void failedPasswordLogin(Browser user) {
            user.open(relyingParty.resolve("/login/electra").toString());
            user.element("password");
            user.type("customerId", unregisteredCustomerId());
            user.type("password", "not-the-password");
            user.submit("password");
        }

        /**
         * The officer's day at the counter, once in Hungarian and once in English, each with a new company, user and
         * token: the desk's Token Manager (the built program, as UsersComputer runs it) makes the token at the
         * factory, generates its keys and writes the certificates the console hands back.
         */
        void branchStory(RunningPlatform platform) {
            try (Browser browser = new Browser(work.resolve("branch-chromium"))) {
                browser.size(1280, 1000);
                signIn(browser, "/branch", "officer");
                branchCustomers.add(branchCustomer(browser, platform, "hu"));

                // The helpdesk's screen is not the officer's.
                browser.open(console.resolve("/helpdesk").toString());
                browser.element("forbidden");
                // A revocation sent without the form's CSRF token (as another site would send it): refused.
                browser.open(console.resolve("/branch").toString());
                Object status = browser.runInPage("const done = arguments[arguments.length - 1];"
                        + "fetch('/branch/revocation', {method: 'POST', body: new URLSearchParams("
                        + "{csn: '" + branchCustomers.get(0).csn() + "', reason: 'LOST', confirmed: 'yes'})})"
                        + ".then(r => done(r.status), e => done(String(e)));");
                assertEquals(400L, status, "a POST without the CSRF token");

                browser.click("lang-en");
                browser.element("lang-hu");
                branchCustomers.add(branchCustomer(browser, platform, "en"));
            }
        }

        private BranchCustomer branchCustomer(Browser browser, RunningPlatform platform, String language) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String companyId = "CONSOLE-" + String.format("%06d", random.nextInt(1_000_000));
            String customerId = "7" + String.format("%07d", random.nextInt(10_000_000));
            String csn = "0C0" + String.format("%013X", random.nextLong(1L << 52));
            boolean hungarian = language.equals("hu");

            browser.open(console.resolve("/branch").toString());
            browser.element("find-user");
            browser.screenshot(images.resolve("console-branch-start-" + language + ".png"));

            browser.click("new-company");
            browser.type("companyId", companyId.toLowerCase(Locale.ROOT));
            browser.type("name", hungarian ? "Konzol Próba Kft." : "Console Trial Ltd.");
            browser.click("register-company");
            assertEquals(companyId, browser.text("company-id"), "the identifier is taken in upper case");
            browser.screenshot(images.resolve("console-branch-company-" + language + ".png"));

            browser.click("register-user-of-company");
            browser.element("user-form");
            browser.type("customerId", customerId);
            browser.type("name", hungarian ? "Szabó Éva" : "Eva Szabo");
            browser.find(By.cssSelector("input[name=services][value=ELECTRA]")).click();
            browser.find(By.cssSelector("input[name=services][value=E_POSTA]")).click();
            browser.find(By.name("signingRight")).click();
            browser.screenshot(images.resolve("console-branch-user-form-" + language + ".png"));
            browser.click("register-user");
            assertEquals(customerId, browser.text("user-customer-id"));
            browser.element("notice");

            browser.click("receive-stock");
            browser.type("deliveryReference", "CONSOLE-" + language.toUpperCase(Locale.ROOT) + "-" + csn);
            browser.type("model", "Virtual token");
            browser.type("csns", csn.toLowerCase(Locale.ROOT));
            browser.click("receive-stock-submit");
            assertTrue(browser.text("stock-receipt").contains(" 1 "), browser.text("stock-receipt"));
            browser.screenshot(images.resolve("console-branch-stock-" + language + ".png"));

            // At the desk: a token from the factory, plugged in; Token Manager generates its keys.
            UsersComputer desk = new UsersComputer(platform, work.resolve("desk-" + language),
                    secrets.get("UNLOCK_MASTER_KEYSTORE_PASSWORD"));
            desk.tokenManager.run("", "factory", "--csn", csn, "--master-keystore",
                    platform.var.resolve("unlock-service/master-unlock-key.p12").toString(), "--attestation-ca",
                    platform.var.resolve("token-factory/factory-ca.p12").toString()).requireSuccess("factory");
            Path files = work.resolve("desk-" + language + "-files");
            desk.tokenManager.run("", "enrol", "generate-keys", "--out", files.toString(), "--signing")
                    .requireSuccess("enrol generate-keys");

            browser.open(console.resolve("/branch/user?customerId=" + customerId).toString());
            browser.click("hand-over");
            browser.element("hand-over-form");
            assertTrue(browser.text("generate-command").endsWith("--signing"), browser.text("generate-command"));
            browser.type("documentNumber", "ab 123456");
            browser.type("branch", "budapest-01");
            // The CSN as read off the token, grouped.
            browser.type("csn", csn.replaceAll("(.{4})(?!$)", "$1 "));
            for (String file : List.of("loginCsr:login-csr.pem", "loginAttestation:login-attestation.json",
                    "signingCsr:signing-csr.pem", "signingAttestation:signing-attestation.json")) {
                String field = file.substring(0, file.indexOf(':'));
                browser.find(By.cssSelector("input[data-into=" + field + "]"))
                        .sendKeys(files.resolve(file.substring(file.indexOf(':') + 1)).toString());
                browser.await("the file read into " + field, d -> !d.findElement(By.name(field)).getAttribute("value").isBlank());
            }
            wholePage(browser, images.resolve("console-branch-hand-over-" + language + ".png"));
            browser.click("hand-over-submit");
            browser.await("the certificates or a refusal", d -> !d.findElements(By.id("handed-over")).isEmpty()
                    || !d.findElements(By.id("refusal")).isEmpty());
            assertFalse(browser.has("refusal"), () -> "refused: " + browser.text("refusal-words"));
            assertEquals(csn, browser.text("handed-over-csn"));
            browser.screenshot(images.resolve("console-branch-handed-over-" + language + ".png"));

            // The officer downloads the certificates as the links give them and writes them to the token.
            Path login = download(browser, "download-LOGIN", files.resolve("login-certificate.pem"));
            Path signing = download(browser, "download-SIGNING", files.resolve("signing-certificate.pem"));
            TokenManagerProgram.Result written = desk.tokenManager.run("", "enrol", "write-certificates",
                    "--login", login.toString(), "--signing", signing.toString());
            written.requireSuccess("enrol write-certificates");

            // The e-PIN: unlock-service learns of the user from the registry's event within moments.
            browser.click("back-to-user");
            String ePin = "580317";
            browser.await("unlock-service knows the user and takes the e-PIN", d -> {
                WebElement form = browser.find(By.id("e-pin-form"));
                browser.type("ePin", ePin);
                browser.type("ePinAgain", ePin);
                browser.click("set-e-pin");
                browser.await("the user's page again", ExpectedConditions.stalenessOf(form));
                if (browser.has("notice")) {
                    return true;
                }
                assertEquals("customer-not-found", browser.element("refusal").getAttribute("data-code"));
                return false;
            });
            assertFalse(browser.page().contains(ePin), "the e-PIN is not in the page");
            assertTrue(browser.text("e-pin-status").contains("officer"), browser.text("e-pin-status"));
            wholePage(browser, images.resolve("console-branch-user-" + language + ".png"));

            browser.click("re-contract");
            String warning = browser.text("re-contract-warning");
            assertTrue(warning.contains(hungarian ? "A jelszavas belépés most, véglegesen megszűnik." : "Password login ends now, for good."), warning);
            browser.type("contractReference", "SZ-2026/" + customerId);
            browser.find(By.name("confirmed")).click();
            browser.screenshot(images.resolve("console-branch-re-contract-" + language + ".png"));
            browser.click("re-contract-submit");
            browser.element("notice");
            assertTrue(browser.text("password-login").contains("officer"), browser.text("password-login"));

            browser.click("revoke-" + csn);
            new Select(browser.find(By.name("reason"))).selectByValue("LOST");
            browser.find(By.name("confirmed")).click();
            browser.screenshot(images.resolve("console-branch-revoke-" + language + ".png"));
            browser.click("revoke-submit");
            assertEquals(csn, browser.text("revoked-csn"));
            assertTrue(browser.text("services-informed").contains(hungarian ? "értesült" : "have been told"),
                    browser.text("services-informed"));
            browser.screenshot(images.resolve("console-branch-revoked-" + language + ".png"));
            return new BranchCustomer(companyId, customerId, csn);
        }

        /** A long page from its top, in a window tall enough for all of it (a file picker scrolls the page down). */
        private static void wholePage(Browser browser, Path png) {
            browser.size(1280, 1900);
            browser.runInPage("const done = arguments[arguments.length - 1]; window.scrollTo(0, 0); done(true);");
            browser.screenshot(png);
            browser.size(1280, 1000);
        }

        /** What a download link of the page gives, fetched as the page's own request, into {@code file}. */
        private static Path download(Browser browser, String linkId, Path file) {
            Object pem = browser.runInPage("const done = arguments[arguments.length - 1];"
                    + "fetch(document.getElementById('" + linkId + "').href).then(r => r.text()).then(done, e => done(String(e)));");
            assertTrue(String.valueOf(pem).startsWith("-----BEGIN CERTIFICATE-----"), String.valueOf(pem));
            try {
                return Files.writeString(file, String.valueOf(pem), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The auditor finds the branch story's actions in the registry's and unlock-service's logs, under {@code officer}. */
        void auditorFindsTheOfficersActions() {
            assertEquals(2, branchCustomers.size(), "the branch story ran first");
            try (Browser browser = new Browser(work.resolve("auditor-branch-chromium"))) {
                browser.size(1280, 1000);
                signIn(browser, "/", "auditor");
                BranchCustomer customer = branchCustomers.get(0);
                browser.open(console.resolve("/auditor?service=token-registry&actor=officer&subjectId=" + customer.customerId()).toString());
                String entries = browser.text("audit-entries");
                for (String action : List.of("user.registered", "user.identified", "user.re-contracted")) {
                    assertTrue(entries.contains(action), action + " in " + entries);
                }
                assertTrue(browser.element("audit-entries").findElements(By.cssSelector("td.actor")).stream()
                        .allMatch(cell -> cell.getText().equals("officer")), "every entry names the officer");
                browser.screenshot(images.resolve("console-branch-audit-hu.png"));
                browser.open(console.resolve("/auditor?service=token-registry&actor=officer&subjectId=" + customer.csn()).toString());
                entries = browser.text("audit-entries");
                assertTrue(entries.contains("certificate.issued") && entries.contains("certificate.revoked"), entries);
                browser.open(console.resolve("/auditor?service=unlock-service&actor=officer&subjectId=" + customer.customerId()).toString());
                assertTrue(browser.text("audit-entries").contains("e-pin.set"), browser.text("audit-entries"));

                browser.click("lang-en");
                browser.element("lang-hu");
                customer = branchCustomers.get(1);
                browser.open(console.resolve("/auditor?service=token-registry&actor=officer&subjectId=" + customer.customerId()).toString());
                assertTrue(browser.text("audit-entries").contains("user.re-contracted"), browser.text("audit-entries"));
                browser.screenshot(images.resolve("console-branch-audit-en.png"));
            }
        }

        /** Opens {@code path}, which sends the browser to Keycloak's sign-in page, and signs in as {@code user}. */
        private void signIn(Browser browser, String path, String user) {
            ConsoleSignIn.signIn(browser, console, secrets, path, user);
        }

        /**
         * An identifier nobody has: wrong e-PINs count against it as against any identifier, so each try takes a
         * new one and never locks (three wrong ones would).
         */
        private static String unregisteredCustomerId() {
            return "9" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        }

        private static void verify(Browser browser, String customerId, String ePin) {
            browser.type("customerId", customerId);
            browser.type("ePin", ePin);
            browser.click("verify");
            browser.element("refusal");
        }

        /** Verifies the demo user, takes CSN and Random as dictated (lower case, spaced) and returns the Code shown. */
        private String unlock(Browser browser, String reason, String language) {
            browser.type("customerId", DEMO_CUSTOMER_ID);
            browser.type("ePin", DEMO_E_PIN);
            browser.click("verify");
            browser.element("code-form");
            // The caller's own token, as unlock-service knows it, shown to the agent who verified them.
            assertTrue(browser.text("caller-tokens").contains(DEMO_CSN), () -> browser.text("caller-tokens"));
            // Its certificates, from the registry's events through unlock-service's projection.
            assertTrue(browser.text("caller-tokens").contains(language.equals("hu") ? "belépési: érvényes eddig:" : "login: valid until"),
                    () -> browser.text("caller-tokens"));
            browser.screenshot(images.resolve("console-helpdesk-token-" + language + ".png"));
            browser.type("csn", "0de1 1100 0000 0001");
            browser.type("random", "481 516 2342");
            browser.type("reason", reason);
            browser.click("issue-code");
            browser.await("the Code or a refusal", driver -> !driver.findElements(By.id("unlock-code")).isEmpty()
                    || !driver.findElements(By.id("refusal")).isEmpty());
            assertFalse(browser.has("refusal"), () -> "refused: " + browser.text("refusal-words"));
            String code = browser.text("unlock-code");
            assertEquals(DEMO_CSN, browser.text("code-csn"));
            browser.screenshot(images.resolve("console-helpdesk-code-" + language + ".png"));
            browser.click("new-call");
            browser.element("verify-form");
            return code;
        }
    }
}
