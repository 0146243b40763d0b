package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The published CRD schemas of the operators with no Java model here, vendored under src/test/resources/crds
 * (CloudNativePG 1.30.0, its Barman Cloud plugin 0.14.0, the Keycloak Operator 26.0.0). A CRD schema is structural
 * OpenAPI: the API server prunes a field it does not declare, silently. To refuse such a field instead, every object
 * schema that lists its properties is closed ({@code additionalProperties: false}) unless it keeps unknown fields
 * on purpose ({@code x-kubernetes-preserve-unknown-fields}) or declares a map.
 */
final class CrdSchemas {

    private static final List<String> VENDORED = List.of(
            "cloudnative-pg-1.30.0-clusters.yaml",
            "cloudnative-pg-1.30.0-scheduledbackups.yaml",
            "plugin-barman-cloud-0.14.0-objectstores.yaml",
            "keycloak-operator-26.0.0-keycloaks.yaml",
            "keycloak-operator-26.0.0-keycloakrealmimports.yaml");

    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    static Optional<JsonSchema> schemaOf(JsonNode object) {
        return Optional.ofNullable(SCHEMAS.get(TypedModels.typeOf(object)));
    }

    static Set<ValidationMessage> validate(JsonSchema schema, JsonNode object) {
        return schema.validate(object);
    }

    private static Map<String, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (String file : VENDORED) {
            try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing vendored CRD " + file);
                }
                JsonNode crd = Overlay.YAML.readTree(in);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    close(schema);
                    // Every object has these; some CRDs (Keycloak's) leave them out, and metadata is the API server's
                    // ObjectMeta, which the CRDs leave as a bare object.
                    ObjectNode root = (ObjectNode) schema.path("properties");
                    root.putObject("apiVersion").put("type", "string");
                    root.putObject("kind").put("type", "string");
                    root.putObject("metadata").put("type", "object");
                    schemas.put(group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(schema));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read vendored CRD " + file, e);
            }
        }
        return Map.copyOf(schemas);
    }

    /** Closes one schema and, through the keywords that hold schemas, every schema inside it. */
    private static void close(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(CrdSchemas::close);
        close(schema.path("items"));
        close(schema.path("additionalProperties"));
        close(schema.path("not"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.path(combinator) instanceof ArrayNode alternatives) {
                alternatives.forEach(CrdSchemas::close);
            }
        }
    }
}
