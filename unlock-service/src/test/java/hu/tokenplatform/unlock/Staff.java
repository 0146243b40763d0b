package hu.tokenplatform.unlock;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switches the staff member behind the following requests. {@code @TestSecurity} gives a test one identity, but
 * a helpdesk call involves a branch officer, one or two agents and an auditor; the test class still needs
 * {@code @TestSecurity} so that Quarkus authenticates requests with the test identity at all.
 */
public final class Staff {

    private static final AtomicInteger AGENTS = new AtomicInteger();

    private Staff() {
    }

    /** A helpdesk agent of their own, so that tests do not share the per-agent hourly limit. */
    public static String newHelpdeskAgent() {
        return actAs("helpdesk.agent" + AGENTS.incrementAndGet(), "helpdesk");
    }

    public static String officer() {
        return actAs("officer.kiss", "branch-officer");
    }

    public static String auditor() {
        return actAs("auditor.szabo", "auditor");
    }

    public static String actAs(String name, String... roles) {
        CDI.current().select(TestIdentityAssociation.class).get().setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(Set.of(roles))
                .build());
        return name;
    }
}
