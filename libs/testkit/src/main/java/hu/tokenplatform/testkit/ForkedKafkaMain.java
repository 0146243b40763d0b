package hu.tokenplatform.testkit;

import hu.tokenplatform.kafkasetup.KafkaSetup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Entry point of the JVMs that {@link KafkaBroker} forks: {@code format <server.properties>} (with the admin's
 * password in the environment variable {@link KafkaSetup#ADMIN_PASSWORD}) or {@code server <server.properties>}. It
 * does two things before handing over to Kafka.
 * <ul>
 * <li>It halts when the JVM that forked it ends. {@link KafkaBroker}'s shutdown hook covers a normal exit; this
 * also covers a test JVM killed with {@code kill -9}, which would otherwise leave a broker holding its ports.</li>
 * <li>It sends warnings and errors to standard error, which {@link KafkaBroker} redirects into its log file. The
 * forked JVM runs on the test class path, where SLF4J binds to JBoss LogManager and Quarkus' log configurator
 * buffers every record until a Quarkus application configures logging, which never happens here: the broker would
 * log nothing at all, not even the error that killed it. The JVM is started with
 * {@code -Djava.util.logging.manager=org.jboss.logmanager.LogManager} so that the JUL root logger configured here
 * is the one SLF4J writes to.</li>
 * </ul>
 */
final class ForkedKafkaMain {

    private ForkedKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        logWarningsToStandardError();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "format" -> System.exit(KafkaSetup.format(Path.of(rest[0]), System.getenv(KafkaSetup.ADMIN_PASSWORD), System.out));
            case "server" -> kafka.Kafka.main(rest);
            default -> throw new IllegalArgumentException("expected 'format' or 'server', got " + args[0]);
        }
    }

    private static void logWarningsToStandardError() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        // ConsoleHandler writes to System.err, which KafkaBroker redirects into its log file.
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.WARNING);
        root.addHandler(console);
        root.setLevel(Level.WARNING);
    }
}
