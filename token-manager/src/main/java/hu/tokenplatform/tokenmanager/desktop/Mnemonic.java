package hu.tokenplatform.tokenmanager.desktop;

import javax.swing.AbstractButton;
import java.awt.event.KeyEvent;

/** A label whose keyboard shortcut letter is marked with {@code &} in the bundle ("&Status": Alt+S). */
record Mnemonic(String text, int index) {

    static Mnemonic of(String marked) {
        int at = marked.indexOf('&');
        return at < 0 ? new Mnemonic(marked, -1) : new Mnemonic(marked.substring(0, at) + marked.substring(at + 1), at);
    }

    void applyTo(AbstractButton button) {
        button.setText(text);
        if (index >= 0) {
            button.setMnemonic(KeyEvent.getExtendedKeyCodeForChar(text.charAt(index)));
            button.setDisplayedMnemonicIndex(index);
        }
    }
}
