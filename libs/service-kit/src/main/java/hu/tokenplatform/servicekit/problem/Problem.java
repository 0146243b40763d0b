package hu.tokenplatform.servicekit.problem;

import hu.tokenplatform.events.ProblemTypes;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** RFC 9457 problem details with the stable {@code code} clients switch on. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {
    }

    /** The answer to a refusal, with its own detail. */
    public static Problem of(Refusal refusal) {
        return of(refusal, refusal.detail());
    }

    /** The answer to a refusal, with a detail naming this occurrence's specifics. */
    public static Problem of(Refusal refusal, String detail) {
        return new Problem(ProblemTypes.of(refusal.code()), refusal.title(), refusal.status(), detail, refusal.code(), List.of());
    }

    /** The answer to a refusal about fields of the request, each named with what is wrong with it. */
    public static Problem of(Refusal refusal, List<Violation> violations) {
        return new Problem(ProblemTypes.of(refusal.code()), refusal.title(), refusal.status(), refusal.detail(),
                refusal.code(), List.copyOf(violations));
    }
}
