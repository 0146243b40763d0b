package hu.tokenplatform.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import hu.tokenplatform.auth.login.LoginSessions;
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

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OIDC userinfo (bearer access token)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        // Only tokens of a login session still active: an ended one (a code redeemed twice) is refused like a forgery.
        Optional<BankUser> user = tokens.verify(authorization, "openid")
                .filter(claims -> sessions.active(sid(claims)))
                .flatMap(claims -> QuarkusTransaction.requiringNew().call(() -> BankUser.find(subject(claims))));
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

    private static String subject(JWTClaimsSet claims) {
        return claims.getSubject();
    }

    private static String sid(JWTClaimsSet claims) {
        Object sid = claims.getClaim("sid");
        return sid instanceof String value ? value : null;
    }
}
