package hu.tokenplatform.console.layout;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every word the console shows, per language, from {@code i18n/console_<lang>.properties} (UTF-8). Both files
 * must hold the same keys; {@code TextsTest} fails when they drift apart.
 */
@ApplicationScoped
public class Texts {

    private final Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);

    public Texts() {
        for (Language language : Language.values()) {
            texts.put(language, load(language));
        }
    }

    /** The texts of a language, keyed as in the properties files; templates read them as {@code t.key}. */
    public Map<String, String> of(Language language) {
        return texts.get(language);
    }

    static Map<String, String> load(Language language) {
        String resource = "i18n/console_" + language.tag() + ".properties";
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new java.util.HashMap<>();
            properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
