package hu.tokenplatform.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import hu.tokenplatform.events.EventOrigin.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An event is believed only from its topic's owner, and only on the topic its type belongs to. */
class EventOriginTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeOfTheCatalogueIsBelievedOnItsTopicFromItsOwner(EventType type) {
        String owner = BrokerPrincipal.ownerOf(type.topic()).orElseThrow().source().orElseThrow();

        assertEquals(Optional.empty(), EventOrigin.check(type.topic(), event(owner, type.typeName())));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aTypeOnAnotherTopicIsRefusedEvenWithThatTopicsOwnerAsSource(EventType type) {
        for (String topic : Topics.EVENT_TOPICS) {
            if (topic.equals(type.topic())) {
                continue;
            }
            String owner = BrokerPrincipal.ownerOf(topic).orElseThrow().source().orElseThrow();
            assertEquals(Optional.of(Refusal.TYPE_OF_ANOTHER_TOPIC), EventOrigin.check(topic, event(owner, type.typeName())),
                    type.typeName() + " on " + topic);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anyOtherServiceAsSourceIsRefused(EventType type) {
        BrokerPrincipal owner = BrokerPrincipal.ownerOf(type.topic()).orElseThrow();
        for (BrokerPrincipal other : BrokerPrincipal.values()) {
            if (other != owner && other.source().isPresent()) {
                assertEquals(Optional.of(Refusal.SOURCE_NOT_TOPIC_OWNER),
                        EventOrigin.check(type.topic(), event(other.source().get(), type.typeName())),
                        type.typeName() + " from " + other.source().get());
            }
        }
    }

    /** The attack of issue 10: a forged user.registered from /evil, and near misses of the owner's name. */
    @ParameterizedTest
    @ValueSource(strings = {"/evil", "", "token-registry", "/token-registry/", "/Token-Registry", " /token-registry",
            "/token-registry ", "//token-registry", "/token-registry\n", "https://bank.hu/token-registry"})
    void aSourceThatIsNotExactlyTheOwnersIsRefused(String source) {
        assertEquals(Optional.of(Refusal.SOURCE_NOT_TOPIC_OWNER),
                EventOrigin.check(Topics.REGISTRY_USERS, event(source, EventType.USER_REGISTERED.typeName())));
    }

    @Test
    void aTypeThisVersionDoesNotKnowPassesFromTheOwnerButNotFromAnotherSource() {
        assertEquals(Optional.empty(), EventOrigin.check(Topics.REGISTRY_TOKENS, event("/token-registry", "token.renewed")));
        assertEquals(Optional.of(Refusal.SOURCE_NOT_TOPIC_OWNER),
                EventOrigin.check(Topics.REGISTRY_TOKENS, event("/auth-service", "token.renewed")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.TOKEN_REGISTRY_DLQ, Topics.AUTH_SERVICE_DLQ, Topics.UNLOCK_SERVICE_DLQ, "registry.users.copy", ""})
    void nothingIsBelievedFromATopicWithoutOwner(String topic) {
        assertEquals(Optional.of(Refusal.TOPIC_WITHOUT_OWNER),
                EventOrigin.check(topic, event("/token-registry", EventType.USER_REGISTERED.typeName())));
    }

    private static CloudEvent event(String source, String type) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, "e-1", source, type, "12345678", Instant.parse("2026-01-01T00:00:00Z"),
                "application/json", EventCodec.SCHEMA_VERSION, null, JsonNodeFactory.instance.objectNode());
    }
}
