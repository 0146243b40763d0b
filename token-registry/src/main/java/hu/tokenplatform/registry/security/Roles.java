package hu.tokenplatform.registry.security;

/** Keycloak realm roles of bank staff. */
public final class Roles {

    public static final String BRANCH_OFFICER = "branch-officer";
    public static final String OPS = "ops";

    private Roles() {
    }
}
