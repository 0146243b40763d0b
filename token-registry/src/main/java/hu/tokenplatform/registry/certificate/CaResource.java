package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.registry.certificate.ca.CertificateIssuer;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/** Public CA material: anyone verifying a token certificate needs the chain and the CRL. */
@Path("/ca")
@PermitAll
public class CaResource {

    public static final String PKIX_CRL = "application/pkix-crl";
    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    @Inject
    CertificateAuthority ca;

    @Inject
    CrlService crl;

    @Inject
    Clock clock;

    @GET
    @Path("/chain.pem")
    @Produces(PEM_CHAIN)
    @Operation(summary = "Issuing CA and root CA certificates, PEM")
    public String chain() {
        return ca.chainPem();
    }

    @GET
    @Path("/crl")
    @Produces(PKIX_CRL)
    @Operation(summary = "The current CRL, DER (the URL written into every certificate)")
    public Response crlDer() {
        CrlState state = crl.current();
        return cached(Response.ok(state.der), state);
    }

    @GET
    @Path("/crl.pem")
    @Produces("application/x-pem-file")
    @Operation(summary = "The current CRL, PEM")
    public Response crlPem() {
        CrlState state = crl.current();
        return cached(Response.ok(CertificateIssuer.pem("X509 CRL", state.der)), state);
    }

    /** Revocations must reach relying parties quickly: caches may keep a CRL for a minute at most. */
    private Response cached(Response.ResponseBuilder response, CrlState state) {
        CacheControl cacheControl = new CacheControl();
        long untilNextUpdate = Duration.between(clock.instant(), state.nextUpdate).toSeconds();
        cacheControl.setMaxAge((int) Math.max(0, Math.min(60, untilNextUpdate)));
        return response.cacheControl(cacheControl)
                .lastModified(Date.from(state.thisUpdate))
                .header("Expires", Date.from(state.nextUpdate))
                .build();
    }
}
