package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One kustomization as the cluster would receive it: rendered with {@code kubectl kustomize} (or a standalone
 * {@code kustomize build} where only that is installed), every object as a JSON tree. Rendered once per test run.
 */
public record Overlay(String name, List<ObjectNode> objects) {

    /** The overlays a cluster is deployed from, and the base they share. */
    public static final List<String> DEPLOYABLE = List.of("overlays/dev", "overlays/prod");

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();

    public static Path k8sDir() {
        return Path.of(System.getProperty("k8s.dir", ".")).toAbsolutePath().normalize();
    }

    public static Stream<String> deployable() {
        return DEPLOYABLE.stream();
    }

    public static Overlay rendered(String name) {
        return RENDERED.computeIfAbsent(name, Overlay::render);
    }

    public Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText()));
    }

    public ObjectNode named(String kind, String objectName) {
        return ofKind(kind).filter(object -> objectName.equals(nameOf(object))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " renders no " + kind + " " + objectName));
    }

    public static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    public static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + nameOf(object);
    }

    private static Overlay render(String name) {
        Path dir = k8sDir().resolve(name);
        List<String> command = onPath("kubectl") ? List.of("kubectl", "kustomize", dir.toString())
                : onPath("kustomize") ? List.of("kustomize", "build", dir.toString())
                : null;
        if (command == null) {
            throw new IllegalStateException("neither kubectl nor kustomize is on the PATH: .ci/run installs kubectl");
        }
        try {
            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(name + " does not render: " + Files.readString(err, StandardCharsets.UTF_8));
                }
                List<ObjectNode> objects = new ArrayList<>();
                try (var parser = YAML.createParser(out.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                        if (node instanceof ObjectNode object) {
                            objects.add(object);
                        }
                    });
                }
                return new Overlay(name, List.copyOf(objects));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
