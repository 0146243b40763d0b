package hu.tokenplatform.auth.login;

import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.oidc.OidcClients;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the login page (Hungarian or English) with a strict Content Security Policy: scripts and styles only
 * from this origin, no inline code, network access only to Token Manager's local API, forms only to this
 * origin and the client's redirect origin, never framed, never cached.
 */
@ApplicationScoped
public class LoginPage {

    public static final List<String> LANGUAGES = List.of("hu", "en");

    @CheckedTemplate(basePath = "login")
    static class Templates {
        static native TemplateInstance page(PageView view);

        static native TemplateInstance error(ErrorView view);
    }

    /**
     * @param switchUrl the same page in the other language, null where there is none to offer
     * @param notice    a message to show at once (after a refused password login), else null
     */
    public record PageView(String lang, String serviceName, String transactionId, String clientId, String challenge,
                           String agentUrl, String switchUrl, String notice) {
    }

    public record ErrorView(String lang, String title, String text) {
    }

    @Inject
    AuthConfig config;

    @Inject
    OidcClients clients;

    /** The page for a pending transaction; {@code switchUrl} (the other language) and {@code notice} may be null. */
    public Response page(LoginTransaction transaction, String lang, String switchUrl, String notice, int status) {
        PageView view = new PageView(lang, clients.find(transaction.clientId).orElseThrow().displayName().in(Locale.forLanguageTag(lang)), transaction.id,
                transaction.clientId, Base64.getUrlEncoder().withoutPadding().encodeToString(transaction.challenge),
                config.login().tokenManagerUrl().toString(), switchUrl, notice);
        String html = Templates.page(view).setLocale(Locale.forLanguageTag(lang)).render();
        return secured(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html),
                transaction.redirectUri).build();
    }

    public static LoginMessages messages(String lang) {
        return MessageBundles.get(LoginMessages.class, Localized.Literal.of(lang));
    }

    /** {@code ui_locales} first (the OIDC way, also the page's language switch), then Accept-Language, then Hungarian. */
    public static String language(Optional<String> uiLocales, HttpHeaders headers) {
        Optional<String> requested = uiLocales.stream()
                .flatMap(value -> List.of(value.split(" ")).stream())
                .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                .filter(LANGUAGES::contains)
                .findFirst();
        if (requested.isPresent()) {
            return requested.get();
        }
        return headers.getAcceptableLanguages().stream()
                .map(Locale::getLanguage)
                .filter(LANGUAGES::contains)
                .findFirst()
                .orElse("hu");
    }

    public Response error(int status, String lang, String title, String text) {
        String html = Templates.error(new ErrorView(lang, title, text)).setLocale(Locale.forLanguageTag(lang)).render();
        return secured(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html), null).build();
    }

    private Response.ResponseBuilder secured(Response.ResponseBuilder response, String redirectUri) {
        String formTargets = "'self'" + (redirectUri == null ? "" : " " + origin(URI.create(redirectUri)));
        return response
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                        + "connect-src " + origin(config.login().tokenManagerUrl()) + "; form-action " + formTargets
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
