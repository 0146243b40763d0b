package hu.tokenplatform.registry.company;

import hu.tokenplatform.events.ContractedService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** A branch officer's registration of a company with its Electra and/or e-posta contracts. */
public record RegisterCompany(
        @NotNull @Pattern(regexp = Company.ID_PATTERN) String companyId,
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 2) Set<@NotNull ContractedService> contracts) {
}
