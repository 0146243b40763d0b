package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.TokenManager;

import javax.swing.JButton;
import java.awt.Font;

/** Token Manager's name, version and purpose, and whom to call. */
final class AboutWindow extends TokenWindow {

    AboutWindow(ScreenTexts texts, TokenCalls calls, String helpdeskPhone) {
        super(texts, calls, "about.title");
        String version = TokenManager.class.getPackage().getImplementationVersion();
        JButton close = button(texts.text("action.close"), "close", this::dispose);
        Rows rows = new Rows().across(DesktopLook.label("Token Manager", Font.BOLD, 1.6f))
                .across(DesktopLook.label(version == null ? texts.text("about.development") : texts.text("about.version", version)))
                .gap(8).across(DesktopLook.paragraph(texts.text("about.text"))).gap(8)
                .pair(DesktopLook.label(texts.text("unlock.helpdesk")), DesktopLook.label(helpdeskPhone, Font.BOLD, 1f));
        showBody(rows.panel(), close);
    }

    @Override
    protected String getTitleText() {
        return texts.text("about.title");
    }
}
