package hu.tokenplatform.tokenmanager.desktop;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Dimension;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;

/**
 * The Token Manager icon at the bottom right of the screen (the seed letter's): its picture and tooltip tell the
 * token's condition, a click opens what the condition calls for (Unlock while locked), and its menu holds Status,
 * Set or Change PIN, Unlock, Language, About and Quit.
 */
final class TrayFront implements DesktopFront {

    private final AppTexts texts;
    private final SystemTray tray;
    private final Dimension size;
    private final TrayIcon icon;
    private final MenuItem pin;

    /** Where the desktop has a tray: {@link SystemTray#isSupported()} (not on a bare virtual display). */
    static boolean supported() {
        return SystemTray.isSupported();
    }

    TrayFront(AppTexts texts, DesktopActions actions) {
        this.texts = texts;
        this.tray = SystemTray.getSystemTray();
        this.size = tray.getTrayIconSize();
        PopupMenu menu = new PopupMenu();
        menu.add(item("action.status", actions::status));
        pin = item("action.change-pin", actions::pin);
        menu.add(pin);
        menu.add(item("action.unlock", actions::unlock));
        Menu languages = new Menu(label("action.language"));
        for (AppLanguage language : AppLanguage.values()) {
            CheckboxMenuItem choice = new CheckboxMenuItem(texts.text("language." + language.name()), language == texts.language());
            choice.addItemListener(e -> {
                if (e.getStateChange() == ItemEvent.SELECTED) {
                    actions.switchLanguage(language);
                }
            });
            languages.add(choice);
        }
        menu.add(languages);
        menu.add(item("action.about", actions::about));
        menu.addSeparator();
        menu.add(item("action.quit", actions::quit));
        icon = new TrayIcon(TokenIcons.icon(TokenCondition.NO_TOKEN, size.width), texts.text("app.name"), menu);
        icon.addActionListener(e -> actions.openForCondition());
        try {
            tray.add(icon);
        } catch (AWTException e) {
            throw new IllegalStateException("the tray refused Token Manager's icon", e);
        }
    }

    /** AWT menus have no keyboard letters: the label without its {@code &}. */
    private String label(String key) {
        return Mnemonic.of(texts.text(key)).text();
    }

    private MenuItem item(String key, Runnable action) {
        MenuItem item = new MenuItem(label(key));
        item.addActionListener(e -> action.run());
        return item;
    }

    @Override
    public void show(TokenReading reading) {
        TokenCondition now = reading.condition();
        icon.setImage(TokenIcons.icon(now, Math.min(size.width, size.height)));
        icon.setToolTip(texts.text("app.tooltip", texts.text("condition." + now.name())));
        pin.setLabel(label(now == TokenCondition.PIN_NOT_SET ? "action.set-pin" : "action.change-pin"));
    }

    @Override
    public void close() {
        tray.remove(icon);
    }
}
