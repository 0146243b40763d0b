package hu.tokenplatform.console.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Answers read from other processes: whole and bounded, or given up, never waited for without end. */
class BodiesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    @Timeout(30)
    void aServerThatSendsItsHeadersThenStallsMidBodyIsGivenUpRatherThanWaitedForForever() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stalling = daemon(() -> answer(server,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n# HELP half an answer\n", true));
            ExecutionException given = assertThrows(ExecutionException.class, () -> fetch(server).get());
            assertInstanceOf(TimeoutException.class, rootOf(given));
            stalling.interrupt();
        }
    }

    @Test
    void aWholeAnswerIsReadAndOneLargerThanAllowedIsRefusedNotCut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            daemon(() -> answer(server,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nup_total 1\r\n", false));
            Bodies.Answer answer = fetch(server).get();
            assertEquals(200, answer.status());
            assertEquals("up_total 1\r\n", answer.body());
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            daemon(() -> answer(server,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 64\r\nConnection: close\r\n\r\n" + "x".repeat(64), false));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> Bodies.fetch(HttpClient.newHttpClient(), request(server), 32, TIMEOUT).get());
            assertInstanceOf(Bodies.TooLarge.class, rootOf(refused));
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "stub-server");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static java.util.concurrent.CompletableFuture<Bodies.Answer> fetch(ServerSocket server) {
        return Bodies.fetch(HttpClient.newHttpClient(), request(server), 1 << 20, TIMEOUT);
    }

    private static HttpRequest request(ServerSocket server) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/q/metrics"))
                .timeout(TIMEOUT).GET().build();
    }

    /** Reads the request's head, writes {@code response}, then stalls (holding the connection) or closes. */
    private static void answer(ServerSocket server, String response, boolean stall) {
        try (Socket client = server.accept()) {
            byte[] head = new byte[4096];
            client.getInputStream().read(head);
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (stall) {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
