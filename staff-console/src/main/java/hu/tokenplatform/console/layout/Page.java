package hu.tokenplatform.console.layout;

import hu.tokenplatform.events.StaffRoles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * What every page of this request shows around its content: the signed-in person and their roles, the menus
 * their roles open, and the texts in the chosen language.
 */
@RequestScoped
public class Page {

    /** The staff roles in the order the menus show them. */
    private static final List<String> STAFF_ROLES =
            List.of(StaffRoles.HELPDESK, StaffRoles.BRANCH_OFFICER, StaffRoles.AUDITOR, StaffRoles.OPS);

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Inject
    Texts texts;

    public Language language() {
        Cookie cookie = request.getCookie(Language.COOKIE);
        return Language.of(cookie == null ? null : cookie.getValue());
    }

    public Map<String, String> texts() {
        return texts.of(language());
    }

    /** A text of the chosen language, for words built in code (refusals). */
    public String text(String key) {
        return texts().getOrDefault(key, key);
    }

    /** A refusal in words; a code the console has no words for is named as it is. */
    public String refusal(String code) {
        String key = "refusal." + code;
        return texts().containsKey(key) ? text(key) : text("refusal.other") + " (" + code + ")";
    }

    public StaffMember staff() {
        if (identity.isAnonymous()) {
            return new StaffMember(null, List.of());
        }
        return new StaffMember(identity.getPrincipal().getName(),
                STAFF_ROLES.stream().filter(identity::hasRole).toList());
    }

    /** The screen a path belongs to ({@code /helpdesk/unlock-code} → {@code /helpdesk}): a page one can GET again. */
    static String screen(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second);
    }

    /**
     * The template with the layout's data: {@code staff}, {@code roleNames} (their roles in words), {@code t}
     * (texts), {@code lang} and {@code path} (the screen, for the language switch to come back to).
     */
    public TemplateInstance of(Template template) {
        StaffMember staff = staff();
        return template.data("staff", staff)
                .data("roleNames", staff.roles().stream().map(role -> text("role_" + role.replace('-', '_'))).toList())
                .data("t", texts())
                .data("lang", language().tag())
                .data("path", screen(request.path()));
    }
}
