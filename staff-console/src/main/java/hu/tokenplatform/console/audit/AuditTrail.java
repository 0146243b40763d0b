package hu.tokenplatform.console.audit;

import hu.tokenplatform.console.services.ServiceRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

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
        AuditLogApi log = logOf(filter.service());
        List<AuditEntry> entries = call(() -> log.entries(subject, filter.limit()));
        return entries.stream().filter(filter::admits).toList();
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
