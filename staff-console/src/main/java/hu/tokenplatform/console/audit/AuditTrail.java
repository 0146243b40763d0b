package hu.tokenplatform.console.audit;

import hu.tokenplatform.console.services.ServiceRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/** The services' audit logs as the auditor reads them: the entries a filter admits, and the chain's check. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    @RestClient
    RegistryAuditClient registry;

    @Inject
    @RestClient
    UnlockAuditClient unlock;

    public List<AuditEntry> entries(AuditFilter filter) {
        String subject = filter.subjectId().isEmpty() ? null : filter.subjectId();
        String actor = filter.actor().isEmpty() ? null : filter.actor();
        AuditLogApi log = logOf(filter.service());
        // The bank's time zone is the console's (as on every page's times).
        ZoneId zone = ZoneId.systemDefault();
        return call(() -> log.entries(subject, actor, filter.fromInstant(zone), filter.toInstant(zone), filter.limit(),
                filter.reads()));
    }

    public ChainVerification verification(AuditedService service) {
        AuditLogApi log = logOf(service);
        return call(log::verification);
    }

    private AuditLogApi logOf(AuditedService service) {
        return switch (service) {
            case TOKEN_REGISTRY -> registry;
            case UNLOCK_SERVICE -> unlock;
        };
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ProcessingException e) {
            throw new ServiceRefusedException(ServiceRefusedException.UNAVAILABLE, 503);
        }
    }
}
