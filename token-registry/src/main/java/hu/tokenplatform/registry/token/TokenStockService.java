package hu.tokenplatform.registry.token;

import hu.tokenplatform.events.data.TokenStockReceived;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Takes manufacturer deliveries into stock. Re-sending a delivery, or part of it, changes nothing. */
@ApplicationScoped
public class TokenStockService {

    public record ImportResult(String deliveryReference, int received, List<String> added, int alreadyKnown) {
    }

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    @Transactional
    public ImportResult importDelivery(String deliveryReference, String model, List<String> csns) {
        Set<String> unique = new LinkedHashSet<>(csns);
        List<Token> known = Token.list("csn in ?1", unique);
        List<String> otherModel = known.stream().filter(t -> !t.model.equals(model)).map(t -> t.csn).toList();
        if (!otherModel.isEmpty()) {
            throw StockRefusal.CSN_MODEL_MISMATCH.exception(
                    "CSNs already in the registry as another model: " + String.join(", ", otherModel.subList(0, Math.min(10, otherModel.size()))));
        }
        Set<String> knownCsns = known.stream().map(t -> t.csn).collect(Collectors.toSet());
        Instant now = clock.instant();
        List<String> added = new ArrayList<>();
        for (String csn : unique) {
            if (knownCsns.contains(csn)) {
                continue;
            }
            Token token = new Token();
            token.csn = csn;
            token.model = model;
            token.deliveryReference = deliveryReference;
            token.state = TokenState.IN_STOCK;
            token.stateChangedAt = now;
            token.persist();
            added.add(csn);
        }
        if (!added.isEmpty()) {
            outbox.append(new TokenStockReceived(deliveryReference, model, added), staff.name());
            audit.record(staff.name(), "token.stock-received", "delivery", deliveryReference,
                    Map.of("model", model, "added", added.size(), "alreadyKnown", knownCsns.size()));
        }
        return new ImportResult(deliveryReference, unique.size(), added, knownCsns.size());
    }
}
