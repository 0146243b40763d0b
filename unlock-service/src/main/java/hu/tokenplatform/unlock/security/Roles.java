package hu.tokenplatform.unlock.security;

/** Keycloak realm roles of bank staff that use this service; auditors read the audit log of libs/service-kit. */
public final class Roles {

    public static final String HELPDESK = "helpdesk";
    public static final String BRANCH_OFFICER = "branch-officer";

    private Roles() {
    }
}
