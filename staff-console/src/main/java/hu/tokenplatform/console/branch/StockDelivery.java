package hu.tokenplatform.console.branch;

import java.util.List;

/** The registry's {@code POST /tokens/stock} body: a manufacturer's delivery as on its delivery note. */
public record StockDelivery(String deliveryReference, String model, List<String> csns) {
}
