package hu.tokenplatform.tokenmanager.localapi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 request from a connection's bytes as they arrive, within fixed bounds: the request line and
 * headers in at most {@code maxHeadBytes} (and 64 header lines), a body of {@code Content-Length} bytes up to
 * {@code maxBodyBytes}. The subset the login page needs and nothing more: no chunked bodies, no folded or
 * malformed header lines, CRLF line ends only. A body that would exceed the limit is not read at all: the
 * request is handed on marked as too large, so that the local API answers it in its usual order of checks.
 */
final class RequestReader {

    enum Progress { NEED_MORE, COMPLETE, REFUSED }

    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,16}) ([\\x21-\\x7e]{1,2048}) HTTP/1\\.[01]");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final int MAX_HEADER_LINES = 64;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final int maxHeadBytes;
    private final int maxBodyBytes;
    private final ByteBuffer buffer;
    private int bodyStart = -1;
    private long contentLength;
    private boolean expectsContinue;
    private String method;
    private String path;
    private Map<String, List<String>> headers;
    private LocalHttpResponse refusal;

    RequestReader(int maxHeadBytes, int maxBodyBytes) {
        this.maxHeadBytes = maxHeadBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.buffer = ByteBuffer.allocate(maxHeadBytes + maxBodyBytes);
    }

    /** Where the connection's next bytes go. Never full while more is needed, so a read always makes progress. */
    ByteBuffer buffer() {
        return buffer;
    }

    boolean headComplete() {
        return bodyStart >= 0;
    }

    /** Looks at what has arrived so far. */
    Progress advance() {
        if (refusal != null) {
            return Progress.REFUSED;
        }
        if (bodyStart < 0) {
            int end = indexOfHeadEnd(Math.min(buffer.position(), maxHeadBytes));
            if (end < 0) {
                return buffer.position() >= maxHeadBytes ? refuse(431, "request-header-too-large") : Progress.NEED_MORE;
            }
            if (!parseHead(new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1))) {
                return Progress.REFUSED;
            }
            bodyStart = end + HEAD_END.length;
        }
        if (bodyTooLarge() || buffer.position() - bodyStart >= contentLength) {
            return Progress.COMPLETE;
        }
        return Progress.NEED_MORE;
    }

    /** {@code Expect: 100-continue} with a body still to come: the client waits for a go-ahead before sending it. */
    boolean waitsForContinue() {
        return expectsContinue && headComplete() && !bodyTooLarge() && buffer.position() == bodyStart && contentLength > 0;
    }

    LocalHttpRequest request() {
        byte[] body = new byte[bodyTooLarge() ? 0 : (int) contentLength];
        System.arraycopy(buffer.array(), bodyStart, body, 0, body.length);
        return new LocalHttpRequest(method, path, headers, body, bodyTooLarge());
    }

    /** Problem JSON for a request that is not HTTP this server speaks. */
    LocalHttpResponse refusal() {
        return refusal;
    }

    private boolean bodyTooLarge() {
        return contentLength > maxBodyBytes;
    }

    private int indexOfHeadEnd(int searchUpTo) {
        byte[] bytes = buffer.array();
        for (int i = 0; i + HEAD_END.length <= searchUpTo; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean parseHead(String head) {
        String[] lines = head.split("\r\n", -1);
        Matcher requestLine = REQUEST_LINE.matcher(lines[0]);
        if (!requestLine.matches() || !requestLine.group(2).startsWith("/")) {
            return refused(400, "bad-request");
        }
        if (lines.length - 1 > MAX_HEADER_LINES) {
            return refused(431, "request-header-too-large");
        }
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            // No space before the colon, no folded continuation lines, no control characters (a lone CR or LF included).
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches() || hasControlCharacter(line)) {
                return refused(400, "bad-request");
            }
            String value = line.substring(colon + 1).strip();
            parsed.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(value);
        }
        List<String> length = parsed.get("content-length");
        if (parsed.containsKey("transfer-encoding")) {
            return length == null ? refused(411, "length-required") : refused(400, "bad-request");
        }
        if (length != null) {
            if (length.size() != 1 || !DIGITS.matcher(length.get(0)).matches()) {
                return refused(400, "bad-request");
            }
            contentLength = Long.parseLong(length.get(0));
        }
        List<String> expect = parsed.get("expect");
        if (expect != null) {
            if (expect.size() != 1 || !expect.get(0).equalsIgnoreCase("100-continue")) {
                return refused(417, "expectation-failed");
            }
            expectsContinue = true;
        }
        method = requestLine.group(1);
        String target = requestLine.group(2);
        int query = target.indexOf('?');
        path = query < 0 ? target : target.substring(0, query);
        headers = parsed;
        return true;
    }

    private static boolean hasControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private Progress refuse(int status, String code) {
        refused(status, code);
        return Progress.REFUSED;
    }

    private boolean refused(int status, String code) {
        refusal = LocalHttpResponse.problem(status, code);
        return false;
    }
}
