package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.pki.Certificates;
import hu.tokenplatform.auth.projection.BankUser;
import hu.tokenplatform.events.ContractedService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs ID and access tokens (JWT, ES256 on Bouncy Castle) with the current signing key. Both carry the
 * customer identifier as subject, the company, the contracted services, the signing right and how the user
 * authenticated ({@code acr}, {@code amr}, {@code auth_time}).
 */
@ApplicationScoped
public class TokenIssuer {

    /** RFC 9068 type of access tokens, so that an ID token is never taken for one. */
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    @Inject
    AuthConfig config;

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    public record Issued(SignedJWT idToken, SignedJWT accessToken, Duration accessTokenLifetime) {
    }

    /** Tokens for a user who logged in to {@code code}'s client. */
    public Issued forUser(AuthorizationCode code, BankUser user) {
        Instant now = clock.instant();
        Acr acr = Acr.of(code.method);
        JWTClaimsSet.Builder common = userClaims(user)
                .issuer(config.publicOrigin())
                .subject(user.customerId)
                .issueTime(Date.from(now))
                .claim("auth_time", code.authTime.getEpochSecond())
                .claim("sid", code.sessionId)
                .claim("acr", acr.value())
                .claim("amr", acr.amr());
        JWTClaimsSet id = new JWTClaimsSet.Builder(common.build())
                .audience(code.clientId)
                .expirationTime(Date.from(now.plus(config.oidc().idTokenTtl())))
                .claim("azp", code.clientId)
                .claim("nonce", code.nonce)
                .build();
        JWTClaimsSet access = new JWTClaimsSet.Builder(common.build())
                .audience(config.publicOrigin())
                .expirationTime(Date.from(now.plus(config.oidc().accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", code.clientId)
                .claim("scope", code.scope)
                .build();
        return new Issued(sign(id, JOSEObjectType.JWT), sign(access, ACCESS_TOKEN_TYPE), config.oidc().accessTokenTtl());
    }

    /** An access token for a client's backend itself (client credentials): no user in it. */
    public SignedJWT forClient(String clientId, List<String> scopes) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(config.publicOrigin())
                .subject(clientId)
                .audience(config.publicOrigin())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(config.oidc().accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes))
                .build(), ACCESS_TOKEN_TYPE);
    }

    /** The claims Electra and e-posta decide on; also what userinfo answers. */
    public static JWTClaimsSet.Builder userClaims(BankUser user) {
        return new JWTClaimsSet.Builder()
                .subject(user.customerId)
                .claim("name", user.name)
                .claim("company_id", user.companyId)
                .claim("company_name", user.companyName)
                .claim("services", user.services.stream().map(ContractedService::name).sorted().toList())
                .claim("signing_right", user.signingRight);
    }

    private SignedJWT sign(JWTClaimsSet claims, JOSEObjectType type) {
        SigningKeys.Current key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(type).build(), claims);
        try {
            ECDSASigner signer = new ECDSASigner(key.privateKey());
            signer.getJCAContext().setProvider(Certificates.BC);
            jwt.sign(signer);
            return jwt;
        } catch (JOSEException e) {
            throw new IllegalStateException("token cannot be signed", e);
        }
    }
}
