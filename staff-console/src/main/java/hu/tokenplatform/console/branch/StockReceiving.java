package hu.tokenplatform.console.branch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Taking a manufacturer's delivery into stock, CSNs as on the delivery note (one per line, or separated by commas
 * or semicolons). The registry takes a delivery once: sending it again adds nothing.
 */
@ApplicationScoped
public class StockReceiving {

    /** A desk receives boxes, not a factory's output; larger deliveries go through the registry's API. */
    static final int MAX_CSNS = 500;

    @Inject
    @RestClient
    RegistryBranchClient registry;

    public StockReceipt receive(String deliveryReference, String model, String csnList) {
        StockDelivery delivery = new StockDelivery(BranchInput.deliveryReference(deliveryReference),
                BranchInput.model(model), csns(csnList));
        return BranchInput.call(() -> registry.receiveStock(delivery));
    }

    private static List<String> csns(String list) {
        Set<String> csns = new LinkedHashSet<>();
        for (String line : BranchInput.strip(list).split("[\\r\\n,;]+")) {
            if (!line.isBlank()) {
                csns.add(BranchInput.csn(line));
            }
            if (csns.size() > MAX_CSNS) {
                throw new BranchInputException("too-many-csns");
            }
        }
        if (csns.isEmpty()) {
            throw new BranchInputException("invalid-csn");
        }
        return new ArrayList<>(csns);
    }
}
