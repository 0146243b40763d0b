package hu.tokenplatform.kafkasetup;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker's ACLs, spelled out: a change to who may write or read what must change this test too. */
class AccessPolicyTest {

    @Test
    void theAclsAreExactlyThePolicy() {
        Set<String> expected = new TreeSet<>(Set.of(
                "User:token-registry WRITE TOPIC registry.users LITERAL",
                "User:token-registry WRITE TOPIC registry.tokens LITERAL",
                "User:token-registry WRITE TOPIC token-registry.dlq LITERAL",
                "User:token-registry READ TOPIC unlock.events LITERAL",
                "User:token-registry READ TOPIC auth.logins LITERAL",
                "User:token-registry READ GROUP token-registry LITERAL",
                "User:auth-service WRITE TOPIC auth.logins LITERAL",
                "User:auth-service WRITE TOPIC auth-service.dlq LITERAL",
                "User:auth-service READ TOPIC registry.users LITERAL",
                "User:auth-service READ TOPIC registry.tokens LITERAL",
                "User:auth-service READ GROUP auth-service LITERAL",
                "User:unlock-service WRITE TOPIC unlock.events LITERAL",
                "User:unlock-service WRITE TOPIC unlock-service.dlq LITERAL",
                "User:unlock-service READ TOPIC registry.users LITERAL",
                "User:unlock-service READ TOPIC registry.tokens LITERAL",
                "User:unlock-service READ GROUP unlock-service LITERAL",
                "User:observer READ TOPIC registry.users LITERAL",
                "User:observer READ TOPIC registry.tokens LITERAL",
                "User:observer READ TOPIC unlock.events LITERAL",
                "User:observer READ TOPIC auth.logins LITERAL",
                "User:observer READ TOPIC token-registry.dlq LITERAL",
                "User:observer READ TOPIC auth-service.dlq LITERAL",
                "User:observer READ TOPIC unlock-service.dlq LITERAL",
                "User:observer READ GROUP observer- PREFIXED"));

        assertEquals(expected, AccessPolicy.aclBindings().stream().map(AccessPolicyTest::describe)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyRuleAllowsFromAnyHostAndNoneIsAWildcard() {
        for (AclBinding binding : AccessPolicy.aclBindings()) {
            assertEquals(AclPermissionType.ALLOW, binding.entry().permissionType());
            assertEquals("*", binding.entry().host());
            assertTrue(binding.pattern().resourceType() == ResourceType.TOPIC || binding.pattern().resourceType() == ResourceType.GROUP);
            assertTrue(!binding.pattern().name().contains("*") && !binding.entry().principal().contains("*"), binding.toString());
            assertTrue(binding.entry().operation() == AclOperation.READ || binding.entry().operation() == AclOperation.WRITE);
            if (binding.pattern().patternType() == PatternType.PREFIXED) {
                assertEquals("User:observer", binding.entry().principal(), "only the observer's groups are a prefix");
            }
        }
    }

    private static String describe(AclBinding binding) {
        return binding.entry().principal() + " " + binding.entry().operation() + " " + binding.pattern().resourceType()
                + " " + binding.pattern().name() + " " + binding.pattern().patternType();
    }
}
