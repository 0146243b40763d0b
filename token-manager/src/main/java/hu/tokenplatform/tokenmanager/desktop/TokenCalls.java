package hu.tokenplatform.tokenmanager.desktop;

import hu.tokenplatform.tokenmanager.device.TokenDevice;
import hu.tokenplatform.tokenmanager.device.TokenInUseException;
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

    /**
     * How long a call waits for a token another program holds for a moment (the tray's watcher reading the state
     * after a change, a login's signature) before saying the token is in use. Opening fails before anything reaches
     * the token, so trying again consumes no PIN try.
     */
    private static final int OPEN_ATTEMPTS = 15;
    private static final long OPEN_RETRY_MILLIS = 100;

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
                    try (TokenDevice token = open()) {
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

    private TokenDevice open() {
        for (int attempt = 1; ; attempt++) {
            try {
                return port.open();
            } catch (TokenInUseException e) {
                if (attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(OPEN_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the token", e);
            }
        }
    }
}
