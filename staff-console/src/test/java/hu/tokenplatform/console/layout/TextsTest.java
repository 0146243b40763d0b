package hu.tokenplatform.console.layout;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextsTest {

    /** unlock-service's stable codes (docs/unlock-service.md) the helpdesk screen must put into words. */
    private static final List<String> UNLOCK_SERVICE_CODES = List.of("validation-failed", "unauthenticated", "forbidden",
            "caller-not-verified", "e-pin-locked", "rate-limited", "verification-invalid", "token-unknown",
            "csn-not-callers", "token-revoked", "unlock-limit-reached");

    /**
     * The codes the branch screens can meet: token-registry's (CompanyRefusal, UserRefusal, HandOverRefusal,
     * TokenRefusal, StockRefusal, CertificateRefusal, CommonRefusal) and unlock-service's EPinRefusal.
     */
    private static final List<String> BRANCH_CODES = List.of("validation-failed", "unknown-field", "request-too-large",
            "internal-error", "company-exists", "company-not-found", "customer-id-taken", "service-not-contracted",
            "user-not-found", "already-re-contracted", "live-token-exists", "replaced-token-mismatch",
            "nothing-to-replace", "signing-csr-required", "no-signing-right", "csr-key-reused", "attestation-required",
            "attestation-invalid", "key-already-certified", "invalid-csr", "token-not-found", "token-not-in-stock",
            "token-already-revoked", "revocation-reason-not-allowed", "csn-model-mismatch", "customer-not-found",
            "weak-e-pin");

    @Test
    void bothLanguagesHaveTheSameWords() {
        assertEquals(Texts.load(Language.HU).keySet(), Texts.load(Language.EN).keySet());
    }

    @Test
    void everyRefusalOfUnlockServiceHasWordsInBothLanguages() {
        for (Language language : Language.values()) {
            for (String code : UNLOCK_SERVICE_CODES) {
                assertTrue(Texts.load(language).containsKey("refusal." + code), language + " " + code);
            }
        }
    }

    @Test
    void everyRefusalTheBranchCanMeetHasTheOfficersWordsInBothLanguages() {
        for (Language language : Language.values()) {
            for (String code : BRANCH_CODES) {
                assertTrue(Texts.load(language).containsKey("branch.refusal." + code), language + " " + code);
            }
        }
    }

    @Test
    void hungarianIsTheDefault() {
        assertEquals(Language.HU, Language.of(null));
        assertEquals(Language.HU, Language.of("de"));
        assertEquals(Language.EN, Language.of("en"));
    }

    @Test
    void theLanguageSwitchGoesBackOnlyToAPageOfTheConsole() {
        assertEquals("/helpdesk", LanguageResource.localPath("/helpdesk"));
        assertEquals("/", LanguageResource.localPath("//evil.example/helpdesk"));
        assertEquals("/", LanguageResource.localPath("https://evil.example"));
        assertEquals("/", LanguageResource.localPath("/\\evil.example"));
        // Hosts without a dot: an intranet name, an IPv4 address written as one number.
        assertEquals("/", LanguageResource.localPath("//intranet-host/helpdesk"));
        assertEquals("/", LanguageResource.localPath("//1249763844/x"));
        assertEquals("/", LanguageResource.localPath("/unknown-screen"));
        assertEquals("/auditor", LanguageResource.localPath("/auditor"));
        assertEquals("/branch", LanguageResource.localPath("/branch"));
        assertEquals("/", LanguageResource.localPath("//branch"));
        assertEquals("/", LanguageResource.localPath(null));
    }
}
