package hu.tokenplatform.tokenmanager.program;

import hu.tokenplatform.tokenmanager.device.VirtualToken;

import java.nio.file.Path;

/** Changes a token's PIN back and forth for ever: the process the crash test kills at a random moment. */
public final class PinChangingUser {

    static final String PIN_A = "Tok3n!pw";
    static final String PIN_B = "9xY#kp2Q";

    private PinChangingUser() {
    }

    public static void main(String[] args) {
        try (VirtualToken token = VirtualToken.open(Path.of(args[0]))) {
            System.out.println("started");
            System.out.flush();
            while (true) {
                token.changePin(PIN_A.toCharArray(), PIN_B.toCharArray());
                token.changePin(PIN_B.toCharArray(), PIN_A.toCharArray());
            }
        }
    }
}
