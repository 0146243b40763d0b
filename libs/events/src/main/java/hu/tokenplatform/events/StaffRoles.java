package hu.tokenplatform.events;

/**
 * The Keycloak realm roles of bank staff (deploy/keycloak/ defines them), for {@code @RolesAllowed} in every service
 * and for the staff console's menus. Each service enforces its own; the table in docs/architecture.md says which
 * role may do what. In the contract library, so that the console names them without depending on service-kit.
 */
public final class StaffRoles {

    /** Helpdesk agents: verify callers and issue unlock Codes. */
    public static final String HELPDESK = "helpdesk";
    /** Branch officers: companies, users, hand-over, e-PIN, re-contracting, revocation. */
    public static final String BRANCH_OFFICER = "branch-officer";
    /** The bank's auditors: read every service's audit log. */
    public static final String AUDITOR = "auditor";
    /** Operators: token stock, password import, operations. */
    public static final String OPS = "ops";

    private StaffRoles() {
    }
}
