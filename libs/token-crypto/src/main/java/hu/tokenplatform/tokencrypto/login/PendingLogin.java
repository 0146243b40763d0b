package hu.tokenplatform.tokencrypto.login;

import java.util.Locale;

/**
 * What auth-service tells Token Manager about a pending login transaction before Token Manager asks for the PIN
 * (docs/login-protocol.md, section 2): which registered client the login is for, under the name the bank gave
 * it, and the origin it is bound to. The login page only names a client id; what the PIN window shows comes
 * from here, so a page cannot make the window say "Log in to something-else".
 *
 * <p>Served on auth-service's browser-facing listener at {@code GET /login/v1/transactions/{transactionId}} for
 * a pending, unexpired transaction; anything else (unknown, expired, used, malformed id) is one {@code 404}.
 */
public record PendingLogin(String transactionId, String client, ClientName clientName, String origin) {

    /** The path prefix; the transaction id follows it. */
    public static final String PATH = "/login/v1/transactions/";

    /** The path for one transaction id, which must match {@link LoginChallenge#TRANSACTION_ID} (so nothing else lands in the URL). */
    public static String path(String transactionId) {
        if (transactionId == null || !LoginChallenge.TRANSACTION_ID.matcher(transactionId).matches()) {
            throw new IllegalArgumentException("not a login transaction id");
        }
        return PATH + transactionId;
    }

    /** Every field present and well-formed: what Token Manager requires before it shows anything of it. */
    public boolean wellFormed() {
        return transactionId != null && LoginChallenge.TRANSACTION_ID.matcher(transactionId).matches()
                && client != null && LoginChallenge.CLIENT.matcher(client).matches()
                && clientName != null && ClientName.displayable(clientName.hu()) && ClientName.displayable(clientName.en())
                && origin != null && LoginChallenge.ORIGIN.matcher(origin).matches();
    }

    /**
     * A registered client's name as the user knows it, in Hungarian and English. Names are short plain text: no
     * control characters and no invisible formatting (such as right-to-left overrides) that could make a window
     * show something other than what was configured.
     */
    public record ClientName(String hu, String en) {

        public static final int MAX_LENGTH = 64;

        /** The name in {@code locale}'s language: Hungarian for Hungarian, English for anything else. */
        public String in(Locale locale) {
            return "hu".equals(locale.getLanguage()) ? hu : en;
        }

        public static boolean displayable(String name) {
            if (name == null || name.isBlank() || name.length() > MAX_LENGTH || !name.equals(name.strip())) {
                return false;
            }
            return name.codePoints().allMatch(c -> !Character.isISOControl(c) && Character.isDefined(c)
                    && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.SURROGATE
                    && Character.getType(c) != Character.PRIVATE_USE && Character.getType(c) != Character.LINE_SEPARATOR
                    && Character.getType(c) != Character.PARAGRAPH_SEPARATOR);
        }
    }
}
