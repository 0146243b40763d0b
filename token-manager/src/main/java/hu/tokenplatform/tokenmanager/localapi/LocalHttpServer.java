package hu.tokenplatform.tokenmanager.localapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * A small non-blocking HTTP/1.1 server on the loopback interface for the local API. One thread owns every
 * connection (a {@link Selector}); a connection costs a buffer, not a thread, so connections that send nothing or
 * send slowly cannot take the server from the login page:
 * <ul>
 *   <li>the owner of the client socket is checked when the connection is accepted, before a byte of it is read:
 *       another user's connection gets {@code 403 caller-not-this-user} and its bytes are never parsed;</li>
 *   <li>request line and headers must arrive within {@link Limits#headerTimeout()} of the accept, the body
 *       within {@link Limits#requestTimeout()}; a request trickled byte by byte is cut at those deadlines;</li>
 *   <li>head and body sizes are bounded; at most {@link Limits#maxConnections()} connections are open, and when
 *       a new one arrives at the cap the oldest one still sending its request is dropped for it, so stalled
 *       connections cannot keep the cap exhausted;</li>
 *   <li>only complete, parsed requests reach the workers; a login waiting minutes for its PIN holds one worker,
 *       and the others keep answering status requests, preflights and {@code busy}.</li>
 * </ul>
 * Every answer closes its connection.
 */
final class LocalHttpServer implements AutoCloseable {

    /** What the local API handles on a worker thread: a complete request in, the answer out. */
    @FunctionalInterface
    interface Handler {
        LocalHttpResponse handle(LocalHttpRequest request);
    }

    /**
     * Who may talk to the server, decided when a connection is accepted: a snapshot of the machine's socket
     * owners, asked for each accepted client port. One snapshot serves all connections accepted together.
     */
    @FunctionalInterface
    interface CallerCheck {
        IntPredicate snapshot(int serverPort);
    }

    /**
     * @param headerTimeout  request line and headers must have arrived this long after the accept
     * @param requestTimeout the whole request, body included, must have arrived this long after the accept
     * @param writeTimeout   the client must have taken the answer this long after it was ready
     * @param linger         after the answer, how long the client may take to close before the server does
     */
    record Limits(Duration headerTimeout, Duration requestTimeout, Duration writeTimeout, Duration linger,
                  int maxHeadBytes, int maxBodyBytes, int maxConnections, int workers) {

        static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 8 * 1024, 8 * 1024, 64, 4);
    }

    private enum Phase { READING, PROCESSING, WRITING, CLOSING }

    /** How often deadlines are checked; also the longest the selector sleeps. */
    private static final long TICK_MILLIS = 100;
    /** Connections accepted per turn before the selector reads from those it has: new ones cannot crowd out old ones. */
    private static final int ACCEPTS_PER_TURN = 16;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Limits limits;
    private final Handler handler;
    private final CallerCheck callers;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final ExecutorService workers;
    private final Thread loop;
    /** Open connections in the order they were accepted: the oldest first, for dropping at the cap. */
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Queue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final long acceptedAt;
        final RequestReader reader;
        Phase phase = Phase.READING;
        ByteBuffer answer;
        long deadline;
        boolean continueSent;

        Connection(SocketChannel channel, SelectionKey key, long acceptedAt) {
            this.channel = channel;
            this.key = key;
            this.acceptedAt = acceptedAt;
            this.reader = new RequestReader(limits.maxHeadBytes(), limits.maxBodyBytes());
        }
    }

    private LocalHttpServer(Limits limits, Handler handler, CallerCheck callers, ServerSocketChannel listener, Selector selector) {
        this.limits = limits;
        this.handler = handler;
        this.callers = callers;
        this.listener = listener;
        this.selector = selector;
        this.workers = Executors.newFixedThreadPool(limits.workers(), runnable -> {
            Thread thread = new Thread(runnable, "token-manager-local-api-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "token-manager-local-api");
        this.loop.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free one). */
    static LocalHttpServer start(int port, Limits limits, CallerCheck callers, Handler handler) {
        ServerSocketChannel listener = null;
        Selector selector = null;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            listener.configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            LocalHttpServer server = new LocalHttpServer(limits, handler, callers, listener, selector);
            server.loop.start();
            return server;
        } catch (IOException e) {
            closeQuietly(listener);
            closeQuietly(selector);
            throw new UncheckedIOException("the local API cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        closeQuietly(listener);
        closeQuietly(selector);
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                Runnable done;
                while ((done = fromWorkers.poll()) != null) {
                    done.run();
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptSome();
                    } else if (key.attachment() instanceof Connection connection) {
                        if (key.isReadable()) {
                            onReadable(connection);
                        }
                        if (key.isValid() && key.isWritable()) {
                            onWritable(connection);
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    closeOverdue(now);
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed under us: the server is stopping
        } finally {
            for (Connection connection : List.copyOf(connections)) {
                drop(connection);
            }
        }
    }

    private void acceptSome() throws IOException {
        List<SocketChannel> accepted = new ArrayList<>();
        SocketChannel channel;
        while (accepted.size() < ACCEPTS_PER_TURN && (channel = listener.accept()) != null) {
            accepted.add(channel);
        }
        if (accepted.isEmpty()) {
            return;
        }
        IntPredicate admitted = callers.snapshot(port());
        long now = System.nanoTime();
        for (SocketChannel client : accepted) {
            if (!makeRoom()) {
                closeQuietly(client);
                continue;
            }
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection connection = new Connection(client, client.register(selector, 0), now);
                connection.key.attach(connection);
                connections.add(connection);
                int clientPort = ((InetSocketAddress) client.getRemoteAddress()).getPort();
                if (admitted.test(clientPort)) {
                    connection.deadline = now + limits.headerTimeout().toNanos();
                    connection.key.interestOps(SelectionKey.OP_READ);
                    onReadable(connection);
                } else {
                    // Not a byte of it is read: the answer is written first, and what it sent is thrown away unparsed.
                    answer(connection, LocalHttpResponse.problem(403, "caller-not-this-user").toBytes());
                }
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** At the cap, the oldest connection still sending its request (or closing) gives way; false if none can. */
    private boolean makeRoom() {
        if (connections.size() < limits.maxConnections()) {
            return true;
        }
        for (Connection connection : connections) {
            if (connection.phase == Phase.READING || connection.phase == Phase.CLOSING) {
                drop(connection);
                return true;
            }
        }
        return false;
    }

    private void onReadable(Connection connection) {
        if (connection.phase == Phase.CLOSING) {
            discardUntilClosed(connection);
            return;
        }
        if (connection.phase != Phase.READING) {
            return;
        }
        try {
            int read = connection.channel.read(connection.reader.buffer());
            if (read < 0) {
                drop(connection);
                return;
            }
        } catch (IOException e) {
            drop(connection);
            return;
        }
        switch (connection.reader.advance()) {
            case NEED_MORE -> {
                if (connection.reader.headComplete()) {
                    connection.deadline = connection.acceptedAt + limits.requestTimeout().toNanos();
                    if (connection.reader.waitsForContinue() && !connection.continueSent) {
                        connection.continueSent = true;
                        writeSmall(connection, CONTINUE);
                    }
                }
            }
            case REFUSED -> answer(connection, connection.reader.refusal().toBytes());
            case COMPLETE -> dispatch(connection);
        }
    }

    private void dispatch(Connection connection) {
        connection.phase = Phase.PROCESSING;
        connection.key.interestOps(0);
        LocalHttpRequest request = connection.reader.request();
        try {
            workers.execute(() -> {
                byte[] answer = null;
                try {
                    answer = handler.handle(request).toBytes();
                } catch (RuntimeException e) {
                    answer = LocalHttpResponse.problem(500, "internal-error").toBytes();
                } finally {
                    byte[] bytes = answer;
                    fromWorkers.add(() -> {
                        if (!connections.contains(connection)) {
                            return;
                        }
                        if (bytes == null) {
                            drop(connection);
                        } else {
                            answer(connection, bytes);
                        }
                    });
                    selector.wakeup();
                }
            });
        } catch (RejectedExecutionException e) {
            drop(connection);
        }
    }

    private void answer(Connection connection, byte[] bytes) {
        connection.phase = Phase.WRITING;
        connection.answer = ByteBuffer.wrap(bytes);
        connection.deadline = System.nanoTime() + limits.writeTimeout().toNanos();
        connection.key.interestOps(SelectionKey.OP_WRITE);
        onWritable(connection);
    }

    private void onWritable(Connection connection) {
        if (connection.phase != Phase.WRITING) {
            return;
        }
        try {
            connection.channel.write(connection.answer);
            if (connection.answer.hasRemaining()) {
                return;
            }
            // Half-close, then let the client read the answer and close first: closing with its unread bytes still
            // here would reset the connection, and the client could lose the answer.
            connection.channel.shutdownOutput();
            connection.phase = Phase.CLOSING;
            connection.deadline = System.nanoTime() + limits.linger().toNanos();
            connection.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            drop(connection);
        }
    }

    private void writeSmall(Connection connection, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            connection.channel.write(buffer);
            if (buffer.hasRemaining()) {
                drop(connection);
            }
        } catch (IOException e) {
            drop(connection);
        }
    }

    /** After the answer: whatever the client still sends is thrown away unread until it closes. */
    private void discardUntilClosed(Connection connection) {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            for (int i = 0; i < 16; i++) {
                sink.clear();
                int read = connection.channel.read(sink);
                if (read < 0) {
                    drop(connection);
                    return;
                }
                if (read == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            drop(connection);
        }
    }

    private void closeOverdue(long now) {
        List<Connection> overdue = new ArrayList<>();
        for (Connection connection : connections) {
            if (connection.phase == Phase.PROCESSING) {
                continue; // a login waits for the PIN as long as the user takes
            }
            boolean headLate = connection.phase == Phase.READING && !connection.reader.headComplete()
                    && now - (connection.acceptedAt + limits.headerTimeout().toNanos()) >= 0;
            if (headLate || now - connection.deadline >= 0) {
                overdue.add(connection);
            }
        }
        overdue.forEach(this::drop);
    }

    private void drop(Connection connection) {
        connections.remove(connection);
        connection.key.cancel();
        closeQuietly(connection.channel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing more to do with it
        }
    }
}
