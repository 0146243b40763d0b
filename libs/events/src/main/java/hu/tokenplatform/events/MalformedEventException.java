package hu.tokenplatform.events;

/** A record on a topic that is not a readable event of this catalogue. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
