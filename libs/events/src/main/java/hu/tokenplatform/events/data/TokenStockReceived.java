package hu.tokenplatform.events.data;

import hu.tokenplatform.events.EventData;
import hu.tokenplatform.events.EventType;

import java.util.List;

/** A manufacturer delivery taken into stock; keyed by the delivery, it lists only CSNs new to the stock. */
public record TokenStockReceived(
        String deliveryReference,
        String model,
        List<String> csns) implements EventData {

    @Override
    public EventType type() {
        return EventType.TOKEN_STOCK_RECEIVED;
    }

    @Override
    public String subject() {
        return deliveryReference;
    }
}
