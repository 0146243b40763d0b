package hu.tokenplatform.registry.user;

import hu.tokenplatform.events.ContractedService;
import hu.tokenplatform.events.Identifiers;
import hu.tokenplatform.registry.company.Company;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** A branch officer's registration of a corporate user of a company, for services the company has contracted. */
public record RegisterUser(
        @NotNull @Pattern(regexp = Identifiers.CUSTOMER_ID_REGEX, message = "must be exactly 8 digits") String customerId,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = Company.ID_PATTERN) String companyId,
        @NotEmpty @Size(max = 2) Set<@NotNull ContractedService> services,
        boolean signingRight) {
}
