package hu.tokenplatform.tokenmanager.config;

/** The agent configuration is missing or wrong; the message names the file and property, never a secret. */
public class InvalidAgentConfigException extends RuntimeException {

    public InvalidAgentConfigException(String message) {
        super(message);
    }

    public InvalidAgentConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
