package hu.tokenplatform.localpostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What deploy/run-platform.sh runs when it needs PostgreSQL without psql or without a server:
 * <pre>
 * serve --binaries DIR --data DIR --port N [--ready-file FILE] [--database NAME]...
 *     starts {@link LocalPostgres}, creates the databases that are missing, touches FILE, and runs until SIGTERM
 *     (or Ctrl-C), when it stops the server cleanly
 * create-databases --host HOST --port N --user USER [--database NAME]...
 *     creates the databases that are missing on a running server (password: PGPASSWORD), then exits
 * </pre>
 */
public final class LocalPostgresMain {

    private LocalPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no command");
        }
        Options options = Options.parse(args);
        switch (args[0]) {
            case "serve" -> serve(options);
            case "create-databases" -> {
                List<String> created = Databases.createIfMissing(options.required("--host"),
                        options.port(), options.required("--user"), System.getenv().getOrDefault("PGPASSWORD", ""),
                        options.databases);
                System.out.println("local-postgres: databases created: " + (created.isEmpty() ? "none" : created));
            }
            default -> usage("unknown command " + args[0]);
        }
    }

    private static void serve(Options options) throws Exception {
        LocalPostgres server = LocalPostgres.start(Path.of(options.required("--binaries")),
                Path.of(options.required("--data")), options.port());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run the shutdown hooks: the server stops with the launcher, never left behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "local-postgres-stop"));
        List<String> created = Databases.createIfMissing(LocalPostgres.HOST, server.port(), LocalPostgres.USER, "",
                options.databases);
        System.out.println("local-postgres: PostgreSQL " + LocalPostgres.VERSION + " on " + LocalPostgres.HOST + ":"
                + server.port() + ", data in " + server.dataDirectory() + ", databases created: "
                + (created.isEmpty() ? "none" : created));
        String readyFile = options.values.get("--ready-file");
        if (readyFile != null) {
            Files.writeString(Path.of(readyFile), "ready\n");
        }
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println("local-postgres: " + problem + "\nusage:\n"
                + "  serve --binaries DIR --data DIR --port N [--ready-file FILE] [--database NAME]...\n"
                + "  create-databases --host HOST --port N --user USER [--database NAME]...  (password: PGPASSWORD)");
        System.exit(2);
    }

    private record Options(java.util.Map<String, String> values, List<String> databases) {

        static Options parse(String[] args) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            List<String> databases = new ArrayList<>();
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    usage(args[i] + " needs a value");
                }
                if (args[i].equals("--database")) {
                    databases.add(args[i + 1]);
                } else if (List.of("--binaries", "--data", "--port", "--ready-file", "--host", "--user").contains(args[i])) {
                    values.put(args[i], args[i + 1]);
                } else {
                    usage("unknown option " + args[i]);
                }
            }
            return new Options(values, databases);
        }

        String required(String option) {
            String value = values.get(option);
            if (value == null) {
                usage(option + " is required");
            }
            return value;
        }

        int port() {
            try {
                return Integer.parseInt(required("--port"));
            } catch (NumberFormatException e) {
                usage("--port must be a number");
                return -1;
            }
        }
    }
}
