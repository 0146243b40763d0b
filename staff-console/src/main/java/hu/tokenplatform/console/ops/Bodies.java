package hu.tokenplatform.console.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Reading an answer from another process with a bound, and building URLs below a configured base. */
final class Bodies {

    /**
     * Where answers' bodies are read: a few threads of their own, so that a body that stalls can hold at most these
     * (never the console's request threads, never the common pool), and is cut off by closing its stream.
     */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(4, work -> {
        Thread reader = new Thread(work, "ops-answer-reader");
        reader.setDaemon(true);
        return reader;
    });

    private Bodies() {
    }

    /** A status and a body read whole. */
    record Answer(int status, String body) {
    }

    /**
     * The answer to {@code request}, its body bounded by {@code max} bytes, all of it within {@code timeout} for the
     * headers and again {@code timeout} for the body. The request's own timeout covers only the headers: a server
     * that sends them and then stalls mid-body would otherwise hold the reader, and whoever waits for it, for good.
     */
    static CompletableFuture<Answer> fetch(HttpClient http, HttpRequest request, int max, Duration timeout) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenCompose(response -> {
            InputStream body = response.body();
            return CompletableFuture.supplyAsync(() -> {
                        try {
                            return new Answer(response.statusCode(), read(body, max));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, READERS)
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((answer, failure) -> {
                        if (failure != null) {
                            closeQuietly(body);
                        }
                    });
        });
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the answer is given up anyway
        }
    }

    /** At most {@code max} bytes as UTF-8; a longer answer is {@link TooLarge}, not cut (a cut exposition lies). */
    static String read(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code path} below the base URL, keeping the base's own path (a service behind a path prefix). */
    static URI below(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("answer larger than allowed", null);
        }
    }
}
