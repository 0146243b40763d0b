package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokencrypto.pin.RuleResult;
import hu.tokenplatform.tokenmanager.cli.Messages;
import hu.tokenplatform.tokenmanager.device.PinPolicyException;
import hu.tokenplatform.tokenmanager.device.TokenAbsentException;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
import hu.tokenplatform.tokenmanager.device.TokenLockedException;
import hu.tokenplatform.tokenmanager.device.TokenStateException;
import hu.tokenplatform.tokenmanager.device.WrongPinException;
import hu.tokenplatform.tokenmanager.pin.PinRuleWording;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The windows' texts ({@code desktop/screens*.properties}) in Hungarian or English; the PIN rules are worded by
 * the command line's {@link PinRuleWording}, so that a rule reads the same everywhere.
 */
final class ScreenTexts {

    static final String BUNDLE = "hu.tokenplatform.tokenmanager.desktop.screens";
    private static final Locale HUNGARIAN = Locale.forLanguageTag("hu");

    private final Locale locale;
    private final ResourceBundle bundle;
    private final Messages ruleWords;

    /** Hungarian for a Hungarian locale, else English (as on the command line). */
    ScreenTexts(Locale requested) {
        this.locale = HUNGARIAN.getLanguage().equals(requested.getLanguage()) ? HUNGARIAN : Locale.ROOT;
        // No fallback to the JVM's default locale: an English user on a Hungarian system still gets English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.ruleWords = Messages.forLanguage(locale == HUNGARIAN ? "hu" : "en", Map.of(), Locale.ROOT);
    }

    Locale locale() {
        return locale;
    }

    /** The text for {@code key} in MessageFormat syntax (so an apostrophe is written twice in the bundle). */
    String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    String rule(RuleResult rule) {
        return PinRuleWording.of(ruleWords, rule);
    }

    /** What the user is told when the token refuses or cannot be reached; never a PIN or a Code. */
    String refusal(RuntimeException refusal) {
        if (refusal instanceof TokenAbsentException) {
            return text("error.token-absent");
        }
        if (refusal instanceof TokenInUseException) {
            return text("error.token-in-use");
        }
        if (refusal instanceof WrongPinException wrong) {
            return text("error.wrong-pin", wrong.triesLeft());
        }
        if (refusal instanceof TokenLockedException) {
            return text("error.token-locked");
        }
        if (refusal instanceof TokenStateException state) {
            return text("error.state." + state.state().name());
        }
        if (refusal instanceof PinPolicyException) {
            return text("error.pin-rules");
        }
        return text("error.unexpected", refusal.getClass().getSimpleName());
    }
}
