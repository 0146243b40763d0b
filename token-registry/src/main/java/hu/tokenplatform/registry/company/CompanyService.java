package hu.tokenplatform.registry.company;

import hu.tokenplatform.events.data.CompanyRegistered;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

@ApplicationScoped
public class CompanyService {

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    @Inject
    Clock clock;

    @Transactional
    public Company register(RegisterCompany request) {
        if (Company.findByIdOptional(request.companyId()).isPresent()) {
            throw CompanyRefusal.COMPANY_EXISTS.exception("Company " + request.companyId() + " is already registered.");
        }
        Company company = new Company();
        company.companyId = request.companyId();
        company.name = request.name().strip();
        company.contracts = EnumSet.copyOf(request.contracts());
        company.createdAt = clock.instant();
        company.createdBy = staff.name();
        company.persist();
        outbox.append(new CompanyRegistered(company.companyId, company.name, company.contracts), staff.name());
        audit.record(staff.name(), "company.registered", "company", company.companyId,
                Map.of("name", company.name, "contracts", company.contracts));
        return company;
    }

    public Company find(String companyId) {
        return Company.<Company>findByIdOptional(companyId)
                .orElseThrow(() -> CompanyRefusal.COMPANY_NOT_FOUND.exception("No company " + companyId + "."));
    }
}
