package hu.tokenplatform.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a service's error answer (RFC 9457 problem JSON with a stable {@code code}, see docs/conventions.md) into
 * a {@link ServiceRefusedException}. Registered on every client of the console.
 */
public class ProblemResponses implements ResponseExceptionMapper<ServiceRefusedException> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codes are short lower-case words with dashes; anything else is not taken from the answer. */
    private static final String CODE_SHAPE = "[a-z0-9-]{1,64}";

    @Override
    public ServiceRefusedException toThrowable(Response response) {
        return new ServiceRefusedException(code(response), response.getStatus());
    }

    private static String code(Response response) {
        try {
            JsonNode problem = JSON.readTree(response.readEntity(String.class));
            String code = problem.path("code").asText("");
            return code.matches(CODE_SHAPE) ? code : ServiceRefusedException.UNAVAILABLE;
        } catch (Exception e) {
            return ServiceRefusedException.UNAVAILABLE;
        }
    }
}
