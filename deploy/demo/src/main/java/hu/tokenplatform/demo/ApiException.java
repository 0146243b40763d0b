package hu.tokenplatform.demo;

/** A service answered with an error status; the problem JSON's stable code says why. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(String request, int status, String code, String body) {
        super(request + " answered " + status + " " + code + ": " + body);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
