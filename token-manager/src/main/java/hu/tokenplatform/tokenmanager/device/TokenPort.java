package hu.tokenplatform.tokenmanager.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
