package hu.tokenplatform.registry.user;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.data.UserPasswordLoginDisabled;
import hu.tokenplatform.events.data.UserRegistered;
import hu.tokenplatform.registry.company.Company;
import hu.tokenplatform.registry.company.CompanyService;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class UserService {

    @Inject
    CompanyService companies;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    @Transactional
    public BankUser register(RegisterUser request) {
        if (BankUser.findByIdOptional(request.customerId()).isPresent()) {
            throw UserRefusal.CUSTOMER_ID_TAKEN.exception("Customer identifier " + request.customerId() + " is already registered.");
        }
        Company company = companies.find(request.companyId());
        Set<ContractedService> notContracted = EnumSet.copyOf(request.services());
        notContracted.removeAll(company.contracts);
        if (!notContracted.isEmpty()) {
            throw UserRefusal.SERVICE_NOT_CONTRACTED.exception(
                    "Company " + company.companyId + " has no contract for " + notContracted + ".");
        }
        BankUser user = new BankUser();
        user.customerId = request.customerId();
        user.name = request.name().strip();
        user.company = company;
        user.services = EnumSet.copyOf(request.services());
        user.signingRight = request.signingRight();
        user.createdAt = clock.instant();
        user.createdBy = staff.name();
        user.persist();
        outbox.append(new UserRegistered(user.customerId, user.name, company.companyId, company.name,
                user.services, user.signingRight), staff.name());
        audit.record(staff.name(), "user.registered", "user", user.customerId, Map.of(
                "companyId", company.companyId, "services", user.services, "signingRight", user.signingRight));
        return user;
    }

    public BankUser find(String customerId) {
        return BankUser.<BankUser>findByIdOptional(customerId).orElseThrow(() -> notFound(customerId));
    }

    /** The user row locked for the rest of the transaction, so concurrent hand-overs of one user serialise. */
    public BankUser findForUpdate(String customerId) {
        return BankUser.<BankUser>findByIdOptional(customerId, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(customerId));
    }

    private static RefusalException notFound(String customerId) {
        return UserRefusal.USER_NOT_FOUND.exception("No user with customer identifier " + customerId + ".");
    }

    /** Re-contracting switches password login off for good; there is deliberately no way back through the API. */
    @Transactional
    public BankUser recontract(String customerId, String contractReference) {
        BankUser user = findForUpdate(customerId);
        if (user.recontractedAt != null) {
            throw UserRefusal.ALREADY_RE_CONTRACTED.exception("User " + customerId + " was re-contracted on "
                    + user.recontractedAt + "; password login is already off.");
        }
        user.recontractedAt = clock.instant();
        user.recontractedBy = staff.name();
        user.contractReference = contractReference;
        outbox.append(new UserPasswordLoginDisabled(customerId, user.recontractedAt, contractReference), staff.name());
        audit.record(staff.name(), "user.re-contracted", "user", customerId,
                Map.of("contractReference", contractReference, "passwordLogin", "disabled"));
        return user;
    }
}
