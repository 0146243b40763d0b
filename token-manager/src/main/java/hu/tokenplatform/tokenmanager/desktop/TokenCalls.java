package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenPort;

import javax.swing.SwingWorker;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every call of the windows to the token: off the Swing event thread (a token answers in tens of milliseconds,
 * a PIN check takes longer), one at a time (the token serves one program at a time, as a USB device does), the
 * token opened for the call and closed after it so that the login agent can use it between two calls. The
 * answer, or the refusal, comes back on the event thread.
 */
final class TokenCalls {

    private final TokenPort port;
    private final Object oneAtATime = new Object();

    TokenCalls(TokenPort port) {
        this.port = port;
    }

    <T> void run(Function<TokenDevice, T> call, Consumer<T> answered, Consumer<RuntimeException> refused) {
        new SwingWorker<T, Void>() {
            @Override
            protected T doInBackground() {
                synchronized (oneAtATime) {
                    try (TokenDevice token = port.open()) {
                        return call.apply(token);
                    }
                }
            }

            @Override
            protected void done() {
                try {
                    answered.accept(get());
                } catch (ExecutionException e) {
                    refused.accept(e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause()));
                } catch (InterruptedException | CancellationException e) {
                    refused.accept(new IllegalStateException("the token call was interrupted"));
                }
            }
        }.execute();
    }
}
