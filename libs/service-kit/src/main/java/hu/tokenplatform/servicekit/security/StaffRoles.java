package hu.tokenplatform.servicekit.security;

import hu.tokenplatform.events.StaffRoleNames;

/**
 * The Keycloak realm roles of bank staff (deploy/keycloak/ defines them), for {@code @RolesAllowed} in every
 * service (the names themselves are libs/events' {@link StaffRoleNames}, shared with the staff console). Each
 * service enforces its own; the table in docs/architecture.md says which role may do what.
 */
public final class StaffRoles {

    /** Helpdesk agents: verify callers and issue unlock Codes. */
    public static final String HELPDESK = StaffRoleNames.HELPDESK;
    /** Branch officers: companies, users, hand-over, e-PIN, re-contracting, revocation. */
    public static final String BRANCH_OFFICER = StaffRoleNames.BRANCH_OFFICER;
    /** The bank's auditors: read every service's audit log. */
    public static final String AUDITOR = StaffRoleNames.AUDITOR;
    /** Operators: token stock, password import, operations. */
    public static final String OPS = StaffRoleNames.OPS;

    private StaffRoles() {
    }
}
