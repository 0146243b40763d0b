package hu.tokenplatform.tokenmanager.localapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One complete request as {@link LocalHttpServer} hands it over: the head parsed, the body read in full.
 *
 * @param path          the request target up to a {@code ?}, not decoded
 * @param headers       by lower-case name, every value in the order sent
 * @param body          the body ({@code Content-Length} bytes), empty when there is none or it was too large
 * @param bodyTooLarge  the announced body exceeded the limit and was not read
 */
record LocalHttpRequest(String method, String path, Map<String, List<String>> headers, byte[] body, boolean bodyTooLarge) {

    LocalHttpRequest {
        headers = Map.copyOf(headers);
    }

    /** A header sent exactly once; a repeated one (two Origins, two Hosts) counts as absent. */
    String single(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values != null && values.size() == 1 ? values.get(0) : null;
    }
}
