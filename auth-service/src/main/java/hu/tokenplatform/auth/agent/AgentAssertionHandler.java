package hu.tokenplatform.auth.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.login.LoginRefusedException;
import hu.tokenplatform.auth.login.LoginRefusal;
import hu.tokenplatform.auth.login.TokenLoginService;
import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.servicekit.problem.CommonRefusal;
import hu.tokenplatform.servicekit.problem.Problem;
import hu.tokenplatform.servicekit.problem.Refusal;
import hu.tokenplatform.tokencrypto.login.LoginAssertion;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * {@code POST /agent/v1/login-assertions}: reads the client certificate from this connection's TLS session (the
 * one whose private key the handshake proved) and hands it with the assertion to {@link TokenLoginService}.
 * The body is small, bounded, JSON with exactly the four fields of {@link LoginAssertion}.
 */
@ApplicationScoped
public class AgentAssertionHandler implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(AgentAssertionHandler.class);
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Inject
    Vertx vertx;

    @Inject
    TokenLoginService logins;

    @Inject
    AuthConfig config;

    @Override
    public void handle(HttpServerRequest request) {
        if (!LoginAssertion.PATH.equals(request.path())) {
            problem(request, Problem.of(AgentRefusal.NOT_FOUND));
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader(HttpHeaders.ALLOW, "POST");
            problem(request, Problem.of(AgentRefusal.METHOD_NOT_ALLOWED));
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith(JSON)) {
            problem(request, Problem.of(AgentRefusal.UNSUPPORTED_MEDIA_TYPE));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("[0-9]{1,9}") || Integer.parseInt(length) > config.agent().maxBodyBytes()) {
            problem(request, Problem.of(CommonRefusal.REQUEST_TOO_LARGE,
                    "A login assertion needs a Content-Length of at most " + config.agent().maxBodyBytes() + " bytes."));
            return;
        }
        X509Certificate certificate = clientCertificate(request);
        request.body()
                .compose(body -> vertx.executeBlocking(() -> decide(certificate, body), false))
                .onSuccess(problem -> {
                    if (problem == null) {
                        request.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                                .end(write(Map.of("status", "authenticated")));
                    } else {
                        problem(request, problem);
                    }
                })
                .onFailure(failure -> {
                    LOG.error("Login assertion could not be processed", failure);
                    problem(request, Problem.of(CommonRefusal.INTERNAL_ERROR));
                });
    }

    /** @return null if the user is authenticated, else the refusal to answer with */
    private Problem decide(X509Certificate certificate, Buffer body) {
        LoginAssertion assertion;
        try {
            assertion = MAPPER.readValue(body.getBytes(), LoginAssertion.class);
        } catch (java.io.IOException e) {
            assertion = null;
        }
        try {
            logins.accept(certificate, assertion);
            return null;
        } catch (LoginRefusedException e) {
            return Problem.of(new AssertionRefused(e.refusal()));
        }
    }

    /** A login rule's refusal as this listener answers it: the rule's code, status and detail, titled "Login refused". */
    private record AssertionRefused(LoginRefusal refusal) implements Refusal {

        @Override
        public Answer answer() {
            return refusal.answer();
        }

        @Override
        public String title() {
            return "Login refused";
        }
    }

    /** The end-entity certificate the TLS handshake authenticated, parsed anew by Bouncy Castle; null if none. */
    private static X509Certificate clientCertificate(HttpServerRequest request) {
        SSLSession session = request.connection().sslSession();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            return Certificates.parseAll(leaf.getEncoded()).get(0);
        } catch (SSLPeerUnverifiedException | CertificateEncodingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void problem(HttpServerRequest request, Problem problem) {
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(write(problem));
    }

    private static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be written", e);
        }
    }
}
