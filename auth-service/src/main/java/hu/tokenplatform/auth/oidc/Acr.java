package hu.tokenplatform.auth.oidc;

import hu.tokenplatform.auth.login.LoginMethod;

import java.util.List;

/**
 * How strongly the user was authenticated, as {@code acr} and {@code amr} (RFC 8176) in ID and access tokens:
 * the token login proves a hardware-held key unlocked by a PIN; the legacy password is one factor.
 */
public enum Acr {
    HARDWARE_TOKEN("urn:tokenplatform:acr:hardware-token", List.of("hwk", "pin", "mfa")),
    PASSWORD("urn:tokenplatform:acr:password", List.of("pwd"));

    private final String value;
    private final List<String> amr;

    Acr(String value, List<String> amr) {
        this.value = value;
        this.amr = amr;
    }

    public String value() {
        return value;
    }

    public List<String> amr() {
        return amr;
    }

    public static Acr of(LoginMethod method) {
        return method == LoginMethod.TOKEN ? HARDWARE_TOKEN : PASSWORD;
    }
}
