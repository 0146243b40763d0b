package hu.tokenplatform.registry.token;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a manufacturer delivery is not taken into stock. */
public enum StockRefusal implements Refusal {
    CSN_MODEL_MISMATCH("csn-model-mismatch", 409, "CSNs of the delivery are already in the registry as another model.");

    private final String code;
    private final int status;
    private final String detail;

    StockRefusal(String code, int status, String detail) {
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String detail() {
        return detail;
    }
}
