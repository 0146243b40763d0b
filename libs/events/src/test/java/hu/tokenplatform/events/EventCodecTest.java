package hu.tokenplatform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.tokenplatform.events.data.CallerVerificationFailed;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.UnlockRefused;
import hu.tokenplatform.events.data.UserRegistered;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");
    private final EventCodec codec = new EventCodec("/token-registry", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createdEventCarriesCloudEventsAttributesDerivedFromThePayload() {
        var handedOver = new TokenHandedOver("0A1B2C3D", "12345678", "C-1", "BUD-01", NOW, null);

        CloudEvent event = codec.create(handedOver, "officer.kiss");

        assertEquals("1.0", event.specversion());
        assertEquals("token.handed-over", event.type());
        assertEquals("0A1B2C3D", event.subject());
        assertEquals("/token-registry", event.source());
        assertEquals(NOW, event.time());
        assertEquals(EventCodec.SCHEMA_VERSION, event.schemaversion());
        assertEquals("officer.kiss", event.actor());
        assertEquals(Topics.REGISTRY_TOKENS, handedOver.type().topic());
    }

    @Test
    void everyEventGetsItsOwnId() {
        var data = new UserRegistered("12345678", "Kiss Anna", "C-1", "Acme Kft.", Set.of(ContractedService.ELECTRA), false);
        assertNotEquals(codec.create(data, null).id(), codec.create(data, null).id());
    }

    @Test
    void payloadSurvivesAWriteAndReadRoundTrip() {
        var data = new UserRegistered("12345678", "Kiss Anna", "C-1", "Acme Kft.",
                Set.of(ContractedService.ELECTRA, ContractedService.E_POSTA), true);
        CloudEvent written = codec.create(data, "officer.kiss");

        CloudEvent read = EventCodec.read(EventCodec.write(written));

        assertEquals(written, read);
        assertEquals(data, EventCodec.data(read, UserRegistered.class));
        assertEquals(EventType.USER_REGISTERED, read.knownType().orElseThrow());
    }

    @Test
    void helpdeskEventsAreKeyedByCsnOrByCustomerIdWhereNoTokenIsInvolved() {
        var failed = new CallerVerificationFailed("12345678", "helpdesk.toth", "WRONG_E_PIN", 3, true, NOW);
        var refused = new UnlockRefused("0A1B2C3D", "12345678", "helpdesk.toth", "CSN_NOT_CALLERS", NOW);

        CloudEvent read = EventCodec.read(EventCodec.write(codec.create(failed, "helpdesk.toth")));

        assertEquals("12345678", read.subject());
        assertEquals(failed, EventCodec.data(read, CallerVerificationFailed.class));
        assertTrue(read.data().has("ePinLocked"));
        assertEquals("0A1B2C3D", codec.create(refused, "helpdesk.toth").subject());
        assertEquals(Topics.UNLOCK_EVENTS, failed.type().topic());
        assertEquals(Topics.UNLOCK_EVENTS, refused.type().topic());
    }

    @Test
    void readersTolerateUnknownFieldsInEnvelopeAndPayload() throws Exception {
        var data = new TokenHandedOver("0A1B2C3D", "12345678", "C-1", "BUD-01", NOW, null);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(EventCodec.write(codec.create(data, null)));
        json.put("traceparent", "00-abc-def-01");
        ((ObjectNode) json.get("data")).put("addedInALaterVersion", 42);

        CloudEvent read = EventCodec.read(json.toString());

        assertEquals(data, EventCodec.data(read, TokenHandedOver.class));
    }

    @Test
    void unknownEventTypesAreReadableButNotKnown() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"something.new\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"data\":{}}";
        assertTrue(EventCodec.read(json).knownType().isEmpty());
    }

    @Test
    void malformedRecordsAreRefused() {
        assertThrows(MalformedEventException.class, () -> EventCodec.read("not json"));
        assertThrows(MalformedEventException.class, () -> EventCodec.read(""));
        assertThrows(MalformedEventException.class, () -> EventCodec.read("{\"specversion\":\"1.0\",\"type\":\"x\"}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.read(
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"x\",\"time\":\"2026-11-24T10:15:30Z\"}"));
        assertThrows(MalformedEventException.class, () -> EventCodec.read("{\"a\":\"" + "x".repeat(EventCodec.MAX_EVENT_CHARS) + "\"}"));
    }

    @Test
    void payloadOfTheWrongShapeIsRefused() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"token.handed-over\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"data\":{\"handedOverAt\":\"yesterday\"}}";
        CloudEvent event = EventCodec.read(json);
        assertThrows(MalformedEventException.class, () -> EventCodec.data(event, TokenHandedOver.class));
    }

    @Test
    void typeNamesAreUniqueAndResolvable() {
        Set<String> names = new HashSet<>();
        Arrays.stream(EventType.values()).forEach(t -> assertTrue(names.add(t.typeName()), t.typeName()));
        Arrays.stream(EventType.values()).forEach(t -> assertEquals(t, EventType.byTypeName(t.typeName()).orElseThrow()));
    }
}
