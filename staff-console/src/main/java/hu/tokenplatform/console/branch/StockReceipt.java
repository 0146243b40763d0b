package hu.tokenplatform.console.branch;

import java.util.List;

/** The registry's answer to a delivery: how many CSNs came, which are new, how many it knew already. */
public record StockReceipt(String deliveryReference, int received, List<String> added, int alreadyKnown) {
}
