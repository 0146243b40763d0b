package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.layout.Page;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * The layout's page with the branch's own words: {@code b} holds the texts under {@code branch.} without that
 * prefix ({@code {b.user_title}}), and a refusal is said in the officer's words ({@code branch.refusal.<code>}) where
 * the branch has its own, else in the console's ({@code refusal.<code>}).
 */
@RequestScoped
public class BranchPage {

    private static final String PREFIX = "branch.";

    @Inject
    Page page;

    public TemplateInstance of(Template template) {
        Map<String, String> words = new HashMap<>();
        page.texts().forEach((key, text) -> {
            if (key.startsWith(PREFIX)) {
                words.put(key.substring(PREFIX.length()), text);
            }
        });
        return page.of(template).data("b", words);
    }

    /** The screen with a refusal in words the officer can act on; {@code refusalCode} is for tests and styles. */
    public TemplateInstance refused(Template template, String code) {
        return of(template).data("refusal", refusal(code)).data("refusalCode", code);
    }

    String refusal(String code) {
        String key = PREFIX + "refusal." + code;
        return page.texts().containsKey(key) ? page.text(key) : page.refusal(code);
    }
}
