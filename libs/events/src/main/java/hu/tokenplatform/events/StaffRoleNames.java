package hu.tokenplatform.events;

/**
 * The names of the Keycloak realm roles of bank staff (deploy/keycloak/ defines them). They live here, in the
 * contract library, so that the staff console can name them without depending on service-kit (which would bring
 * Hibernate and Kafka along); the services use service-kit's {@code StaffRoles}, which refers to these.
 */
public final class StaffRoleNames {

    public static final String HELPDESK = "helpdesk";
    public static final String BRANCH_OFFICER = "branch-officer";
    public static final String AUDITOR = "auditor";
    public static final String OPS = "ops";

    private StaffRoleNames() {
    }
}
