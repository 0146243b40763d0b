package hu.tokenplatform.servicekit.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import hu.tokenplatform.events.ProblemTypes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Turns every refusal into problem JSON with a stable code; internal errors never leak their cause. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response domain(RefusalException e) {
        return respond(Problem.of(e.refusal(), e.detail()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return respond(Problem.of(CommonRefusal.VALIDATION_FAILED, violations));
    }

    /** JSON that does not fit the request type, such as an unknown enum value: names the field, never echoes the value. */
    @ServerExceptionMapper
    public Response unreadable(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return respond(Problem.of(CommonRefusal.VALIDATION_FAILED,
                List.of(new Problem.Violation(field, "has a value of the wrong type or outside the allowed values"))));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return Response.fromResponse(respond(Problem.of(CommonRefusal.UNAUTHENTICATED)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(CommonRefusal.FORBIDDEN));
    }

    /** A refusal of the HTTP layer itself (no such path, method or media type): named after its status. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        String code = title.toLowerCase().replaceAll("[^a-z]+", "-");
        return respond(new Problem(ProblemTypes.of(code), title, status, "The request cannot be processed as sent.", code,
                List.of()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response internal(Throwable e) {
        LOG.error("Unhandled error", e);
        return respond(Problem.of(CommonRefusal.INTERNAL_ERROR));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The request field a violation is about, as the client knows it: {@code customerId} or {@code csns[2]}
     * for a body field, the parameter name for a path or query parameter.
     */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        int skip = 0;
        if (!nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD) {
            skip = nodes.size() > 2 && nodes.get(1).getKind() == ElementKind.PARAMETER ? 2 : 1;
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes.subList(skip, nodes.size())) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        // The index of a list element sits on the node after the list, as Bean Validation models it.
        nodes.subList(skip, nodes.size()).stream()
                .filter(n -> n.getKind() == ElementKind.CONTAINER_ELEMENT && n.getIndex() != null)
                .findFirst()
                .ifPresent(n -> field.append('[').append(n.getIndex()).append(']'));
        return field.toString();
    }
}
