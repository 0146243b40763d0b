package hu.tokenplatform.servicekit.problem;

/** The title of a problem by its HTTP status, spelled once for every service. */
public final class Problems {

    private Problems() {
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Request cannot be carried out";
            case 423 -> "Locked";
            case 429 -> "Too many requests";
            case 500 -> "Internal error";
            case 503 -> "Service unavailable";
            default -> "Request refused";
        };
    }
}
