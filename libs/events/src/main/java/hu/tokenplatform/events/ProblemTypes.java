package hu.tokenplatform.events;

/**
 * The {@code type} of every RFC 9457 problem the platform answers with, from the services and from Token
 * Manager's local API alike: {@value #PREFIX} followed by the stable code clients switch on.
 */
public final class ProblemTypes {

    public static final String PREFIX = "urn:token-platform:problem:";

    private ProblemTypes() {
    }

    /** {@code urn:token-platform:problem:<code>}. */
    public static String of(String code) {
        return PREFIX + code;
    }
}
