package hu.tokenplatform.console.layout;

import hu.tokenplatform.events.StaffRoleNames;

import java.util.List;

/**
 * The signed-in person as every page shows them: the Keycloak user name (the name the services write into their
 * audit logs) and the staff roles of their access token. The menus follow the roles; the services enforce them.
 */
public record StaffMember(String name, List<String> roles) {

    public boolean helpdesk() {
        return roles.contains(StaffRoleNames.HELPDESK);
    }

    public boolean auditor() {
        return roles.contains(StaffRoleNames.AUDITOR);
    }

    public boolean branchOfficer() {
        return roles.contains(StaffRoleNames.BRANCH_OFFICER);
    }

    public boolean ops() {
        return roles.contains(StaffRoleNames.OPS);
    }
}
