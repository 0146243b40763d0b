package hu.tokenplatform.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import hu.tokenplatform.auth.config.AuthConfig;
import hu.tokenplatform.auth.pki.Certificates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Checks this provider's own access tokens for the endpoints that take them (userinfo, the transaction
 * signature API): ES256 with a published key, type {@code at+jwt}, our issuer and audience, not expired, and
 * carrying the scope the endpoint needs.
 */
@ApplicationScoped
public class AccessTokens {

    private static final int MAX_TOKEN_CHARS = 4096;

    @Inject
    SigningKeys keys;

    @Inject
    AuthConfig config;

    /** The token's claims, if it is valid and grants {@code scope}. */
    public Optional<JWTClaimsSet> verify(String authorizationHeader, String scope) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorizationHeader.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TokenIssuer.ACCESS_TOKEN_TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.published())));
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        verifiers.getJCAContext().setProvider(Certificates.BC);
        processor.setJWSVerifierFactory(verifiers);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.publicOrigin(),
                new JWTClaimsSet.Builder().issuer(config.publicOrigin()).build(),
                Set.of("sub", "exp", "iat", "scope", "client_id")));
        try {
            JWTClaimsSet claims = processor.process(authorizationHeader.substring(7).strip(), null);
            String granted = claims.getStringClaim("scope");
            return granted != null && Arrays.asList(granted.split(" ")).contains(scope) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }
}
