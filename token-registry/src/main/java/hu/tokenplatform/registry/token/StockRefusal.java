package hu.tokenplatform.registry.token;

import hu.tokenplatform.servicekit.problem.Refusal;

/** Why a manufacturer delivery is not taken into stock. */
public enum StockRefusal implements Refusal {
    CSN_MODEL_MISMATCH("csn-model-mismatch", 409, "CSNs of the delivery are already in the registry as another model.");

    private final Answer answer;

    StockRefusal(String code, int status, String detail) {
        this.answer = new Answer(code, status, detail);
    }

    @Override
    public Answer answer() {
        return answer;
    }
}
