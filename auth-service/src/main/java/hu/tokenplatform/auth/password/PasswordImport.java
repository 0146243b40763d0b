package hu.tokenplatform.auth.password;

import hu.tokenplatform.auth.projection.Recontracting;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stores imported password hashes, each import audited with the staff member who made it; never the hash itself. */
@ApplicationScoped
public class PasswordImport {

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    /** All or nothing: one unusable hash or a repeated customer identifier refuses the whole batch. */
    @Transactional
    public ImportResult importHashes(List<Credential> credentials) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < credentials.size(); i++) {
            Credential credential = credentials.get(i);
            String problem = PasswordHashes.problem(credential.passwordHash());
            if (problem != null) {
                throw PasswordImportRefusal.UNUSABLE_PASSWORD_HASH.exception(
                        "credentials[" + i + "] (" + credential.customerId() + "): " + problem + ".");
            }
            if (!seen.add(credential.customerId())) {
                throw PasswordImportRefusal.DUPLICATE_CUSTOMER_ID.exception(
                        "credentials[" + i + "]: customer identifier " + credential.customerId() + " appears twice.");
            }
        }
        String actor = staff.name();
        List<String> imported = new ArrayList<>();
        List<String> recontracted = new ArrayList<>();
        for (Credential credential : credentials) {
            if (Recontracting.findByIdOptional(credential.customerId()).isPresent()) {
                recontracted.add(credential.customerId());
                continue;
            }
            PasswordCredential row = PasswordCredential.<PasswordCredential>findByIdOptional(credential.customerId())
                    .orElseGet(PasswordCredential::new);
            boolean replaced = row.customerId != null;
            row.customerId = credential.customerId();
            row.passwordHash = credential.passwordHash();
            row.importedAt = clock.instant();
            row.importedBy = actor;
            row.persist();
            imported.add(credential.customerId());
            audit.record(actor, "password.imported", "user", credential.customerId(),
                    Map.of("format", credential.passwordHash().startsWith("$2") ? "bcrypt" : "pbkdf2", "replaced", replaced));
        }
        return new ImportResult(imported, recontracted);
    }
}
