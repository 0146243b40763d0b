package hu.tokenplatform.kafkasetup;

import hu.tokenplatform.events.BrokerPrincipal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings a running broker to the platform's access policy, as its admin, through the Admin API: the platform's
 * topics exist (created with the broker's default partitions and replication), every {@link BrokerPrincipal} has a
 * SCRAM-SHA-512 credential with the given password, and the ACLs are exactly {@link AccessPolicy#aclBindings()}.
 * ACLs and SCRAM users the policy does not name are removed, so that a principal or a right taken out of the
 * policy is gone from the broker after the next run. Running it again changes nothing else.
 */
public final class BrokerSetup {

    /** SCRAM iterations: the broker's minimum is 4096; a login costs the client this many HMACs once per connection. */
    static final int SCRAM_ITERATIONS = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BrokerSetup() {
    }

    /**
     * @param admin     the broker's {@link BrokerSecurity#ADMIN} login
     * @param passwords a password for every principal of the policy
     */
    public static void apply(BrokerLogin admin, Map<BrokerPrincipal, String> passwords) {
        if (!BrokerSecurity.ADMIN.equals(admin.username())) {
            throw new IllegalArgumentException("the broker setup runs as " + BrokerSecurity.ADMIN + ", not " + admin.username());
        }
        Map<BrokerPrincipal, String> checked = new EnumMap<>(BrokerPrincipal.class);
        for (BrokerPrincipal principal : BrokerPrincipal.values()) {
            String password = passwords.get(principal);
            BrokerSecurity.requirePassword(principal.username(), password);
            checked.put(principal, password);
        }
        Map<String, Object> properties = new HashMap<>(admin.clientProperties());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin client = Admin.create(properties)) {
            createTopics(client);
            setCredentials(client, checked);
            setAcls(client);
        }
    }

    private static void createTopics(Admin client) {
        List<NewTopic> topics = BrokerPrincipal.allTopics().stream()
                .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty())).toList();
        client.createTopics(topics).values().forEach((topic, created) -> {
            try {
                await(created);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
    }

    private static void setCredentials(Admin client, Map<BrokerPrincipal, String> passwords) {
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        Set<String> users = new HashSet<>(Set.of(BrokerSecurity.ADMIN));
        passwords.forEach((principal, password) -> {
            users.add(principal.username());
            alterations.add(new UserScramCredentialUpsertion(principal.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
        });
        await(client.describeUserScramCredentials().all()).forEach((existing, description) -> {
            if (!users.contains(existing)) {
                // A user outside the policy logs in no more, whatever mechanism it had.
                description.credentialInfos().forEach(info ->
                        alterations.add(new UserScramCredentialDeletion(existing, info.mechanism())));
            }
        });
        await(client.alterUserScramCredentials(alterations).all());
    }

    private static void setAcls(Admin client) {
        Set<AclBinding> wanted = AccessPolicy.aclBindings();
        Set<AclBinding> present = new HashSet<>(await(client.describeAcls(AclBindingFilter.ANY).values()));
        List<AclBinding> missing = wanted.stream().filter(binding -> !present.contains(binding)).toList();
        List<AclBindingFilter> unwanted = present.stream().filter(binding -> !wanted.contains(binding))
                .map(AclBinding::toFilter).toList();
        if (!missing.isEmpty()) {
            await(client.createAcls(missing).all());
        }
        if (!unwanted.isEmpty()) {
            await(client.deleteAcls(unwanted).all());
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the setup: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer the setup within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the broker", e);
        }
    }
}
