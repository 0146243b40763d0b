package hu.tokenplatform.tokenmanager.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;

/**
 * Where Token Manager finds the token, like the USB port it is plugged into: a virtual token's directory, from
 * {@code --token}, else {@code TOKEN_MANAGER_TOKEN}, else {@code ~/.token-manager/token}. Every operation
 * opens the token and closes it again, so the agent and the commands never hold it longer than one action.
 */
public record TokenPort(Path directory) {

    public static final String TOKEN_VARIABLE = "TOKEN_MANAGER_TOKEN";

    public static TokenPort locate(Path requested, Map<String, String> environment, Path home) {
        if (requested != null) {
            return new TokenPort(requested);
        }
        String fromEnvironment = environment.get(TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new TokenPort(Path.of(fromEnvironment));
        }
        return new TokenPort(home.resolve(".token-manager").resolve("token"));
    }

    /**
     * Changes whenever the token's memory is written or the token is plugged in or out, without opening it (what a
     * USB hot-plug event and a card's change counter tell): a watcher opens the token only when this changed, so
     * it does not keep taking the token from a login or a PIN change for nothing. Empty while no token is plugged in.
     */
    public Optional<String> memoryStamp() {
        try {
            BasicFileAttributes memory = Files.readAttributes(directory.resolve(EncryptedStateFile.STATE), BasicFileAttributes.class);
            // Every write replaces the file (a new file moved over the old one): a new file key or time, or both.
            return Optional.of(memory.fileKey() + "/" + memory.lastModifiedTime() + "/" + memory.size());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean tokenPresent() {
        return Files.isRegularFile(directory.resolve(EncryptedStateFile.STATE));
    }

    /** @throws TokenAbsentException if no token is plugged in; {@link TokenInUseException} if another program has it */
    public TokenDevice open() {
        if (!tokenPresent()) {
            throw new TokenAbsentException();
        }
        return VirtualToken.open(directory);
    }
}
