package hu.tokenplatform.servicekit.problem;

/** Factory methods for the usual refusals, so that each status and its title are spelled in one place. */
public final class Problems {

    private Problems() {
    }

    public static DomainException notFound(String code, String detail) {
        return new DomainException(404, code, "Not found", detail);
    }

    public static DomainException conflict(String code, String detail) {
        return new DomainException(409, code, "Conflict", detail);
    }

    public static DomainException unprocessable(String code, String detail) {
        return new DomainException(422, code, "Request cannot be carried out", detail);
    }
}
