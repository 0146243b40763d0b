package hu.tokenplatform.servicekit.problem;

import hu.tokenplatform.events.ProblemTypes;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * A request body naming a field its type does not have ({@code "admin": true}) is refused rather than silently
 * ignored, so that no client comes to believe a field it sends has an effect. Needs
 * {@code quarkus.jackson.fail-on-unknown-properties=true} in the service. The field name comes from the attacker:
 * the answer names it only sanitised (printable ASCII, bounded length), never the raw bytes nor Jackson's message.
 * More specific than {@link ProblemMapper}'s mapper of every {@code MismatchedInputException}, so it wins.
 */
public class UnknownFieldMapper {

    public static final String CODE = CommonRefusal.UNKNOWN_FIELD.code();
    /** Longest field path echoed back; longer ones are cut and end in {@code ...}. */
    static final int MAX_FIELD_LENGTH = 64;

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = sanitised(path(e));
        Refusal refusal = CommonRefusal.UNKNOWN_FIELD;
        Problem problem = new Problem(ProblemTypes.of(refusal.code()), refusal.title(), refusal.status(),
                "The request has a field this endpoint does not know: " + field + ".", refusal.code(),
                List.of(new Problem.Violation(field, "is not a field of this request")));
        return Response.status(refusal.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code credentials[0].admin}: where in the body the unknown field sits, as the client wrote it. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() == null) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /** Printable ASCII only (anything else becomes {@code ?}), at most {@link #MAX_FIELD_LENGTH} characters. */
    static String sanitised(String raw) {
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < raw.length() && clean.length() < MAX_FIELD_LENGTH; i++) {
            char c = raw.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (raw.length() > MAX_FIELD_LENGTH) {
            clean.setLength(MAX_FIELD_LENGTH - 3);
            clean.append("...");
        }
        return clean.toString();
    }
}
