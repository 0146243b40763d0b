package hu.tokenplatform.auth.oidc;

/** Paths of the OIDC provider's endpoints, relative to the issuer (the public origin). */
public final class OidcEndpoints {

    public static final String DISCOVERY = "/.well-known/openid-configuration";
    public static final String AUTHORIZE = "/oidc/authorize";
    public static final String TOKEN = "/oidc/token";
    public static final String USERINFO = "/oidc/userinfo";
    public static final String JWKS = "/oidc/jwks";

    private OidcEndpoints() {
    }
}
