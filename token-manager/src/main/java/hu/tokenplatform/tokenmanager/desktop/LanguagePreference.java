package hu.tokenplatform.tokenmanager.desktop;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The language the user last chose in the app, remembered per user in {@code ~/.token-manager/desktop.properties}.
 * Written to a temporary file beside it and moved over it in one step, so a crash leaves the old or the new
 * choice, never a broken file; readable by the user only, as the rest of {@code ~/.token-manager}.
 */
public final class LanguagePreference {

    static final String FILE = "desktop.properties";
    private static final String KEY = "language";

    private final Path file;

    public LanguagePreference(Path home) {
        this.file = home.resolve(".token-manager").resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Empty when nothing was chosen yet, or the file cannot be read: the app then speaks its default. */
    public Optional<AppLanguage> remembered() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return AppLanguage.of(properties.getProperty(KEY));
    }

    /** @throws UncheckedIOException if it cannot be written (the language is switched all the same) */
    public void remember(AppLanguage language) {
        try {
            Path directory = file.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(directory, FILE, ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, "# Token Manager's language, as last chosen in its menu\n" + KEY + "=" + language.tag() + "\n",
                        StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the language cannot be remembered in " + file, e);
        }
    }
}
