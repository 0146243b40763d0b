package hu.tokenplatform.registry.certificate;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcspAnswerGateTest {

    @Test
    void admitsUpToItsCapAndRefusesTheNextAtOnceInsteadOfQueueing() {
        OcspAnswerGate gate = new OcspAnswerGate(2);

        Optional<OcspAnswerGate.Permit> first = gate.tryEnter();
        Optional<OcspAnswerGate.Permit> second = gate.tryEnter();
        Optional<OcspAnswerGate.Permit> third = gate.tryEnter();

        assertTrue(first.isPresent());
        assertTrue(second.isPresent());
        assertTrue(third.isEmpty(), "the cap is reached: refused, not waited for");
        first.get().close();
        assertTrue(gate.tryEnter().isPresent(), "a closed permit lets the next one in");
    }

    @Test
    void closingAPermitTwiceFreesOnlyOnePlace() {
        OcspAnswerGate gate = new OcspAnswerGate(1);
        OcspAnswerGate.Permit permit = gate.tryEnter().orElseThrow();

        permit.close();
        permit.close();

        assertTrue(gate.tryEnter().isPresent());
        assertTrue(gate.tryEnter().isEmpty(), "a double close must not raise the cap");
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OcspAnswerGate(0));
    }
}
