package hu.tokenplatform.servicekit.problem;

/**
 * Why a request is refused: the stable {@code code} clients switch on, the HTTP status, and a detail the caller
 * may read (never a secret). Each use case lists its refusals as an enum implementing this, one constant per code
 * (for example {@code hu.tokenplatform.unlock.code.UnlockRefusal}); code that refuses throws
 * {@link #exception()}, and {@link ProblemMapper} answers with RFC 9457 problem JSON. The refusals every service
 * shares are {@link CommonRefusal}.
 */
public interface Refusal {

    /**
     * What a refusal answers: the stable code, the HTTP status, and the detail the caller is told (the same for
     * every occurrence of the refusal). An enum of refusals holds one per constant.
     */
    record Answer(String code, int status, String detail) {

        public Answer {
            if (code == null || !code.matches("[a-z0-9-]{1,64}") || status < 400 || status > 599 || detail == null) {
                throw new IllegalArgumentException("a refusal has a code of [a-z0-9-], a 4xx or 5xx status and a detail");
            }
        }
    }

    Answer answer();

    default String code() {
        return answer().code();
    }

    default int status() {
        return answer().status();
    }

    default String detail() {
        return answer().detail();
    }

    /** The problem's title: by default the one {@link Problems#title(int)} gives the status. */
    default String title() {
        return Problems.title(status());
    }

    default RefusalException exception() {
        return new RefusalException(this);
    }

    /** The refusal with a detail naming this occurrence's specifics (never a secret, never the caller's raw input). */
    default RefusalException exception(String detail) {
        return new RefusalException(this, detail);
    }
}
