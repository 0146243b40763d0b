package hu.tokenplatform.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access policy of the event bus, pinned: a change here is a change of who may speak, and must be deliberate. */
class BrokerPrincipalTest {

    @Test
    void eachServiceWritesOnlyItsOwnTopicsAndItsDeadLetters() {
        assertEquals(List.of("registry.users", "registry.tokens", "token-registry.dlq"), BrokerPrincipal.TOKEN_REGISTRY.writes());
        assertEquals(List.of("auth.logins", "auth-service.dlq"), BrokerPrincipal.AUTH_SERVICE.writes());
        assertEquals(List.of("unlock.events", "unlock-service.dlq"), BrokerPrincipal.UNLOCK_SERVICE.writes());
        assertEquals(List.of(), BrokerPrincipal.OBSERVER.writes());
    }

    @Test
    void eachServiceReadsOnlyWhatItConsumesInItsOwnGroup() {
        assertEquals(List.of("unlock.events", "auth.logins"), BrokerPrincipal.TOKEN_REGISTRY.reads());
        assertEquals(List.of("registry.users", "registry.tokens"), BrokerPrincipal.AUTH_SERVICE.reads());
        assertEquals(List.of("registry.users", "registry.tokens"), BrokerPrincipal.UNLOCK_SERVICE.reads());
        for (BrokerPrincipal service : List.of(BrokerPrincipal.TOKEN_REGISTRY, BrokerPrincipal.AUTH_SERVICE, BrokerPrincipal.UNLOCK_SERVICE)) {
            assertEquals(service.username(), service.consumerGroup());
            assertFalse(service.consumerGroupIsPrefix());
        }
    }

    @Test
    void theObserverReadsEverythingAndWritesNothing() {
        assertEquals(Set.copyOf(BrokerPrincipal.allTopics()), Set.copyOf(BrokerPrincipal.OBSERVER.reads()));
        assertTrue(BrokerPrincipal.OBSERVER.consumerGroupIsPrefix());
        assertEquals("observer-", BrokerPrincipal.OBSERVER.consumerGroup());
        assertEquals(Optional.empty(), BrokerPrincipal.OBSERVER.source());
    }

    @Test
    void everyEventTopicHasExactlyOneOwnerAndOtherTopicsNone() {
        for (String topic : Topics.EVENT_TOPICS) {
            assertEquals(1, Arrays.stream(BrokerPrincipal.values()).filter(p -> p.publishes().contains(topic)).count(), topic);
        }
        assertEquals(Optional.of(BrokerPrincipal.TOKEN_REGISTRY), BrokerPrincipal.ownerOf("registry.users"));
        assertEquals(Optional.of(BrokerPrincipal.TOKEN_REGISTRY), BrokerPrincipal.ownerOf("registry.tokens"));
        assertEquals(Optional.of(BrokerPrincipal.AUTH_SERVICE), BrokerPrincipal.ownerOf("auth.logins"));
        assertEquals(Optional.of(BrokerPrincipal.UNLOCK_SERVICE), BrokerPrincipal.ownerOf("unlock.events"));
        for (String topic : Topics.DEAD_LETTER_TOPICS) {
            assertEquals(Optional.empty(), BrokerPrincipal.ownerOf(topic));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeIsPublishedOnATopicItsOwnerWritesAndOthersRead(EventType type) {
        BrokerPrincipal owner = BrokerPrincipal.ownerOf(type.topic()).orElseThrow();
        assertTrue(owner.writes().contains(type.topic()));
        assertFalse(owner.reads().contains(type.topic()), "no service consumes its own events");
    }

    @Test
    void sourcesAreTheServicesNamesAndFindTheirPrincipal() {
        assertEquals(Optional.of("/token-registry"), BrokerPrincipal.TOKEN_REGISTRY.source());
        assertEquals(Optional.of("/auth-service"), BrokerPrincipal.AUTH_SERVICE.source());
        assertEquals(Optional.of("/unlock-service"), BrokerPrincipal.UNLOCK_SERVICE.source());
        assertEquals(Optional.of(BrokerPrincipal.UNLOCK_SERVICE), BrokerPrincipal.bySource("/unlock-service"));
        assertEquals(Optional.empty(), BrokerPrincipal.bySource("/evil"));
        assertEquals(Optional.empty(), BrokerPrincipal.bySource(null));
    }

    @Test
    void everyTopicIsCreatedOnceAndEveryReadOrWrittenTopicIsAmongThem() {
        List<String> all = BrokerPrincipal.allTopics();
        assertEquals(all.size(), new HashSet<>(all).size());
        for (BrokerPrincipal principal : BrokerPrincipal.values()) {
            assertTrue(all.containsAll(principal.reads()), principal.name());
            assertTrue(all.containsAll(principal.writes()), principal.name());
        }
    }
}
