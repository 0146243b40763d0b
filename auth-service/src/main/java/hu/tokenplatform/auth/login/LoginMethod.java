package hu.tokenplatform.auth.login;

/** How a user proved who they are; the names are those of the {@code method} field of login events. */
public enum LoginMethod {
    /** USB token: signature with the login key under the user's PIN, relayed over mutual TLS. */
    TOKEN,
    /** Legacy password, only until the user is re-contracted. */
    PASSWORD
}
