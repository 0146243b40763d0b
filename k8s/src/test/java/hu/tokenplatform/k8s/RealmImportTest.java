package hu.tokenplatform.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff realm the Keycloak Operator imports is deploy/keycloak/token-platform-realm.json, the one the local
 * platform and the end-to-end test use, wrapped in a KeycloakRealmImport whose placeholders (the demo staff's
 * passwords) come from a Secret. {@code -Dk8s.write-realm-import=true} writes base/keycloak/realm-import.yaml
 * again from the JSON.
 */
class RealmImportTest {

    private static final Path REALM_IMPORT = Overlay.k8sDir().resolve("base/keycloak/realm-import.yaml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
    /** The staff console's client secret: the one placeholder production keeps, from the console's own Secret. */
    private static final String CONSOLE_CLIENT_SECRET = "CONSOLE_CLIENT_SECRET";
    private static final String CONSOLE_OIDC_SECRET = "staff-console-oidc";
    private static final String STAFF_PASSWORDS_SECRET = "keycloak-staff-passwords";

    @Test
    void realmImportIsTheRealmOfDeployKeycloak() throws IOException {
        ObjectNode expected = expectedRealmImport();
        if (Boolean.getBoolean("k8s.write-realm-import")) {
            Files.writeString(REALM_IMPORT, "# Generated from deploy/keycloak/token-platform-realm.json by RealmImportTest"
                    + " (-Dk8s.write-realm-import=true): edit the JSON, not this file.\n"
                    + YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build().writeValueAsString(expected));
        }
        assertEquals(expected, Overlay.YAML.readTree(REALM_IMPORT.toFile()),
                "base/keycloak/realm-import.yaml differs from deploy/keycloak: run the k8s tests with "
                        + "-Dk8s.write-realm-import=true");
    }

    @Test
    void everyPlaceholderOfTheRealmComesFromASecret() {
        JsonNode spec = Overlay.rendered("overlays/dev").named("KeycloakRealmImport", "token-platform").path("spec");
        TreeSet<String> used = placeholdersIn(spec.path("realm"));
        assertFalse(used.isEmpty());
        TreeSet<String> fromSecrets = new TreeSet<>();
        spec.path("placeholders").fieldNames().forEachRemaining(fromSecrets::add);
        assertEquals(used, fromSecrets);
        spec.path("placeholders").fields().forEachRemaining(source -> assertEquals(
                source.getKey().equals(CONSOLE_CLIENT_SECRET) ? CONSOLE_OIDC_SECRET : STAFF_PASSWORDS_SECRET,
                source.getValue().path("secret").path("name").asText(), source.getKey()));
    }

    @Test
    void productionImportsNoDemoStaffAndNoPasswordGrant() {
        JsonNode spec = Overlay.rendered("overlays/prod").named("KeycloakRealmImport", "token-platform").path("spec");
        assertTrue(spec.path("realm").path("users").isMissingNode(), "no demo staff in production");
        TreeSet<String> kept = new TreeSet<>();
        spec.path("placeholders").fieldNames().forEachRemaining(kept::add);
        assertEquals(Set.of(CONSOLE_CLIENT_SECRET), kept, "only the console's client secret, from its own Secret");
        assertEquals(CONSOLE_OIDC_SECRET, spec.path("placeholders").path(CONSOLE_CLIENT_SECRET).path("secret").path("name").asText());
        assertEquals(Set.of(CONSOLE_CLIENT_SECRET), placeholdersIn(spec.path("realm")));
        for (JsonNode client : spec.path("realm").path("clients")) {
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(false), client.path("clientId").asText());
            client.path("redirectUris").forEach(uri -> assertTrue(uri.asText().startsWith("https://"), uri.asText()));
            String postLogout = client.path("attributes").path("post.logout.redirect.uris").asText("");
            for (String uri : postLogout.isEmpty() ? new String[0] : postLogout.split("##")) {
                assertTrue(uri.startsWith("https://"), uri);
            }
        }
    }

    static ObjectNode expectedRealmImport() throws IOException {
        JsonNode realm = Overlay.YAML.readTree(Path.of(System.getProperty("k8s.realm-json")).toFile());
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode realmImport = nodes.objectNode();
        realmImport.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        realmImport.put("kind", "KeycloakRealmImport");
        realmImport.putObject("metadata").put("name", realm.path("realm").asText());
        ObjectNode spec = realmImport.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        ObjectNode placeholders = spec.putObject("placeholders");
        for (String placeholder : placeholdersIn(realm)) {
            ObjectNode secret = placeholders.putObject(placeholder).putObject("secret");
            if (placeholder.equals(CONSOLE_CLIENT_SECRET)) {
                secret.put("name", CONSOLE_OIDC_SECRET).put("key", "client-secret");
            } else {
                secret.put("name", STAFF_PASSWORDS_SECRET).put("key", placeholder.toLowerCase().replace("_password", ""));
            }
        }
        spec.set("realm", realm);
        return realmImport;
    }

    private static TreeSet<String> placeholdersIn(JsonNode realm) {
        TreeSet<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(realm.toString());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
