package hu.tokenplatform.auth.pki;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Without a fresh CRL no token login can succeed (fail closed), so the service is not ready for logins. */
@Readiness
@ApplicationScoped
public class CrlHealthCheck implements HealthCheck {

    @Inject
    CrlCache crl;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Issuing CA CRL").withData("status", crl.status().name());
        crl.snapshot().ifPresent(snapshot -> response
                .withData("crlNumber", snapshot.crlNumber().toString())
                .withData("nextUpdate", snapshot.nextUpdate().toString()));
        return response.status(crl.status() == CrlCache.Status.FRESH).build();
    }
}
