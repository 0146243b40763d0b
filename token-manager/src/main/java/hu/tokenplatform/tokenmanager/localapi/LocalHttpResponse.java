package hu.tokenplatform.tokenmanager.localapi;

import hu.tokenplatform.events.ProblemTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the local API. Every answer closes its connection ({@code Connection: close}), is never cached
 * and is never sniffed as another content type.
 */
final class LocalHttpResponse {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    LocalHttpResponse(int status) {
        this.status = status;
    }

    /** RFC 9457 problem JSON with the stable code the login page switches on ({@code [a-z0-9-]} only). */
    static LocalHttpResponse problem(int status, String code) {
        if (!code.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("problem code");
        }
        String json = "{\"type\":\"" + ProblemTypes.of(code) + "\",\"status\":" + status + ",\"code\":\"" + code + "\"}";
        return new LocalHttpResponse(status).body(PROBLEM_JSON, json.getBytes(StandardCharsets.US_ASCII));
    }

    int status() {
        return status;
    }

    LocalHttpResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String header(String name) {
        return headers.get(name);
    }

    LocalHttpResponse removeHeader(String name) {
        headers.remove(name);
        return this;
    }

    LocalHttpResponse body(String contentType, byte[] content) {
        headers.put("Content-Type", contentType);
        this.body = content.clone();
        return this;
    }

    /** Status line, headers and body as they go on the wire. */
    byte[] toBytes() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        head.append("Cache-Control: no-store\r\n").append("X-Content-Type-Options: nosniff\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (status != 204) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            default -> "Status";
        };
    }
}
