package hu.tokenplatform.console.branch;

import hu.tokenplatform.console.services.ServiceRefusedException;
import hu.tokenplatform.events.Identifiers;
import jakarta.ws.rs.ProcessingException;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shapes the branch's fields must have, checked before any call so that the officer gets words for the field
 * that is wrong instead of the registry's general {@code validation-failed}. CSN and customer identifier are the
 * contract's ({@link Identifiers}); the other shapes are the registry's request DTOs' (named at each), which check
 * them again.
 */
final class BranchInput {

    /** The registry's {@code Company.ID_PATTERN}. */
    private static final Pattern COMPANY_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,19}");
    /** The registry's {@code HandOver.branch}. */
    private static final Pattern BRANCH = Pattern.compile("[A-Z0-9-]{2,20}");
    /** The registry's {@code Identification.documentNumber}. */
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("[A-Z0-9]{6,20}");
    /** The registry's {@code UserResource.CONTRACT_REFERENCE_PATTERN}. */
    private static final Pattern CONTRACT_REFERENCE = Pattern.compile("[A-Za-z0-9/_-]{1,40}");
    /** The registry's {@code TokenResource.REFERENCE_PATTERN} and {@code StockDelivery.model}. */
    private static final Pattern DELIVERY_REFERENCE = Pattern.compile("[A-Za-z0-9/_.-]{1,64}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");
    /** Names of companies and users: the registry's {@code @Size(max = 200)}, on one line. */
    private static final int NAME_MAX = 200;

    private BranchInput() {
    }

    static String customerId(String value) {
        String id = strip(value);
        if (!Identifiers.isCustomerId(id)) {
            throw new BranchInputException("invalid-customer-id");
        }
        return id;
    }

    /** A CSN as read off a token or a delivery note: upper case, without the spaces people group it with. */
    static String csn(String value) {
        String csn = strip(value).replace(" ", "").toUpperCase(Locale.ROOT);
        if (!Identifiers.isCsn(csn)) {
            throw new BranchInputException("invalid-csn");
        }
        return csn;
    }

    static String companyId(String value) {
        return matching(strip(value).toUpperCase(Locale.ROOT), COMPANY_ID, "invalid-company-id");
    }

    static String branch(String value) {
        return matching(strip(value).toUpperCase(Locale.ROOT), BRANCH, "invalid-branch");
    }

    /** The number as printed on the document; spaces dropped, letters in upper case. */
    static String documentNumber(String value) {
        return matching(strip(value).replace(" ", "").toUpperCase(Locale.ROOT), DOCUMENT_NUMBER, "invalid-document-number");
    }

    static String contractReference(String value) {
        return matching(strip(value), CONTRACT_REFERENCE, "invalid-contract-reference");
    }

    static String deliveryReference(String value) {
        return matching(strip(value), DELIVERY_REFERENCE, "invalid-delivery-reference");
    }

    static String model(String value) {
        return matching(strip(value), MODEL, "invalid-model");
    }

    static String name(String value) {
        String name = strip(value);
        // Control characters, and format characters (bidi overrides such as U+202E) that would make a name read
        // differently on a page or in an audit entry than it is.
        if (name.isEmpty() || name.length() > NAME_MAX || name.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT)) {
            throw new BranchInputException("invalid-name");
        }
        return name;
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value, String code) {
        try {
            return Enum.valueOf(type, strip(value));
        } catch (IllegalArgumentException e) {
            throw new BranchInputException(code);
        }
    }

    /** A form's checkbox: the browser sends its value only when ticked. */
    static boolean ticked(String value) {
        return value != null && !value.isBlank();
    }

    static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String matching(String value, Pattern shape, String code) {
        if (!shape.matcher(value).matches()) {
            throw new BranchInputException(code);
        }
        return value;
    }

    /** A service call; a service that cannot be reached is a refusal like any other, in words. */
    static <T> T call(Supplier<T> service) {
        try {
            return service.get();
        } catch (ProcessingException e) {
            throw new ServiceRefusedException(ServiceRefusedException.UNAVAILABLE, 503);
        }
    }
}
