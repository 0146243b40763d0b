package hu.tokenplatform.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import hu.tokenplatform.auth.login.LoginSession;
import hu.tokenplatform.auth.login.LoginSessions;
import hu.tokenplatform.auth.revocation.RevocationStatus;
import hu.tokenplatform.auth.projection.BankUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/** OIDC userinfo: the user's current claims for a valid access token with scope {@code openid}. */
@Path(OidcEndpoints.USERINFO)
public class UserInfoResource {

    @Inject
    AccessTokens tokens;

    @Inject
    LoginSessions sessions;

    @Inject
    RevocationStatus revocation;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC userinfo (bearer access token)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        // Only tokens of a login session still active: an ended one (a code redeemed twice) is refused like a forgery,
        // and so is a token login's session whose token has been revoked since (asked again, outside any transaction).
        Optional<BankUser> user = tokens.verify(authorization, "openid")
                .filter(claims -> sessions.activeSession(sid(claims)).filter(this::tokenStillGood).isPresent())
                .flatMap(claims -> QuarkusTransaction.requiringNew().call(() -> BankUser.<BankUser>findByIdOptional(subject(claims))));
        if (user.isEmpty()) {
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .header("Cache-Control", "no-store").build();
        }
        return Response.ok(TokenIssuer.userClaims(user.get()).build().toJSONObject(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC userinfo (bearer access token)")
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return get(authorization);
    }

    /** Password sessions have no token; a token session's token must still be good, and a revoked one ends it. */
    private boolean tokenStillGood(LoginSession session) {
        if (session.csn == null) {
            return true;
        }
        RevocationStatus.Verdict verdict = session.certificateSerial == null ? RevocationStatus.Verdict.REVOKED
                : revocation.of(session.csn, session.certificateSerial);
        if (verdict == RevocationStatus.Verdict.REVOKED) {
            QuarkusTransaction.requiringNew().run(() -> sessions.end(session.sid, LoginSessions.EndReason.TOKEN_REVOKED));
        }
        return verdict == RevocationStatus.Verdict.GOOD;
    }

    private static String subject(JWTClaimsSet claims) {
        return claims.getSubject();
    }

    private static String sid(JWTClaimsSet claims) {
        Object sid = claims.getClaim("sid");
        return sid instanceof String value ? value : null;
    }
}
