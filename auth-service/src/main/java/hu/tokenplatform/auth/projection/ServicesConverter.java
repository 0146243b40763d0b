package hu.tokenplatform.auth.projection;

import hu.tokenplatform.events.ContractedService;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A user's services as one column, {@code ELECTRA,E_POSTA}. */
@Converter
public class ServicesConverter implements AttributeConverter<Set<ContractedService>, String> {

    @Override
    public String convertToDatabaseColumn(Set<ContractedService> services) {
        return services.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<ContractedService> convertToEntityAttribute(String column) {
        Set<ContractedService> services = EnumSet.noneOf(ContractedService.class);
        if (!column.isEmpty()) {
            Arrays.stream(column.split(",")).map(ContractedService::valueOf).forEach(services::add);
        }
        return services;
    }
}
