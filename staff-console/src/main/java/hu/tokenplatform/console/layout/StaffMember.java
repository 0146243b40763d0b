package hu.tokenplatform.console.layout;

import hu.tokenplatform.events.StaffRoles;

import java.util.List;

/**
 * The signed-in person as every page shows them: the Keycloak user name (the name the services write into their
 * audit logs) and the staff roles of their access token. The menus follow the roles; the services enforce them.
 */
public record StaffMember(String name, List<String> roles) {

    public boolean helpdesk() {
        return roles.contains(StaffRoles.HELPDESK);
    }

    public boolean auditor() {
        return roles.contains(StaffRoles.AUDITOR);
    }

    public boolean branchOfficer() {
        return roles.contains(StaffRoles.BRANCH_OFFICER);
    }

    public boolean ops() {
        return roles.contains(StaffRoles.OPS);
    }
}
