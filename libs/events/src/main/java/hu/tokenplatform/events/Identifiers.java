package hu.tokenplatform.events;

import java.util.regex.Pattern;

/**
 * The shapes of the identifiers every part of the platform exchanges: in REST paths and bodies, in events, in
 * the unlock computation and in key attestations. Each is spelled here once; the {@code String} form is for
 * Bean Validation's {@code @Pattern(regexp = ...)}, the compiled form for code.
 */
public final class Identifiers {

    /** A token's chip serial number as printed on it: 8 to 16 upper-case hexadecimal digits. */
    public static final String CSN_REGEX = "[0-9A-F]{8,16}";
    public static final Pattern CSN = Pattern.compile(CSN_REGEX);

    /** A customer identifier ("ügyfélazonosító"): 8 decimal digits. */
    public static final String CUSTOMER_ID_REGEX = "[0-9]{8}";
    public static final Pattern CUSTOMER_ID = Pattern.compile(CUSTOMER_ID_REGEX);

    /**
     * A caller verification's id as unlock-service issues it and the helpdesk (the staff console) sends it back:
     * base64url of 32 random bytes, without padding.
     */
    public static final String VERIFICATION_ID_REGEX = "[A-Za-z0-9_-]{43}";
    public static final Pattern VERIFICATION_ID = Pattern.compile(VERIFICATION_ID_REGEX);

    private Identifiers() {
    }

    public static boolean isCsn(String value) {
        return value != null && CSN.matcher(value).matches();
    }

    public static boolean isCustomerId(String value) {
        return value != null && CUSTOMER_ID.matcher(value).matches();
    }
}
