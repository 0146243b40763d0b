package hu.tokenplatform.auth.password;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A batch of legacy password hashes to import, all or nothing. */
public record ImportRequest(@NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid Credential> credentials) {

    public static final int MAX_BATCH = 1000;
}
