package hu.tokenplatform.tokenmanager.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Posts the signed login assertion to auth-service over mutual TLS. A new client and TLS context per login:
 * no session is resumed from an earlier login, so every login proves the token is present now.
 */
final class BankRelay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,64}");

    private final Duration timeout;

    BankRelay(Duration timeout) {
        this.timeout = timeout;
    }

    LoginOutcome send(URI endpoint, SSLContext tls, LoginAssertion assertion) {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(assertion)))
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 200) {
                    return LoginOutcome.authenticated();
                }
                return LoginOutcome.bankRefused(problemCode(body.readNBytes(MAX_ANSWER_BYTES)));
            }
        } catch (SSLException e) {
            return LoginOutcome.bankRefused("tls-handshake-failed");
        } catch (IOException e) {
            return e.getCause() instanceof SSLException
                    ? LoginOutcome.bankRefused("tls-handshake-failed")
                    : LoginOutcome.refused("bank-unreachable", 502);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for the bank", e));
        }
    }

    /** The bank's stable problem code, if it sent one we can show; never its free text. */
    private static String problemCode(byte[] body) {
        try {
            JsonNode code = JSON.readTree(body).path("code");
            return code.isTextual() && CODE.matcher(code.asText()).matches() ? code.asText() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
