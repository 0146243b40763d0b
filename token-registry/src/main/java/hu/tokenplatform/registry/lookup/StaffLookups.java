package hu.tokenplatform.registry.lookup;

import hu.tokenplatform.registry.certificate.Certificate;
import hu.tokenplatform.registry.token.Token;
import hu.tokenplatform.registry.token.TokenQueries;
import hu.tokenplatform.registry.user.BankUser;
import hu.tokenplatform.registry.user.UserService;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.problem.RefusalException;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A staff member looking up a customer's personal data (the user, their tokens, a token, its certificates): audited
 * like a change, with the staff member as actor, so that the bank can answer who looked at whom. The lookup is
 * audited before it is made and whether or not it finds anything (a refused lookup of an identifier that does not
 * exist is how someone probes for customers); the audit entry commits also when the lookup is refused. Nothing of
 * what was shown goes into the entry, only what was asked for.
 */
@ApplicationScoped
public class StaffLookups {

    public static final String USER_VIEWED = "user.viewed";
    public static final String USER_TOKENS_VIEWED = "user.tokens-viewed";
    public static final String TOKEN_VIEWED = "token.viewed";
    public static final String TOKEN_CERTIFICATES_VIEWED = "token.certificates-viewed";

    @Inject
    UserService users;

    @Inject
    TokenQueries tokens;

    @Inject
    AuditLog audit;

    @Inject
    CurrentStaff staff;

    /** @param view what the caller shows, made inside the transaction (the user's services load lazily) */
    @Transactional(dontRollbackOn = RefusalException.class)
    public <V> V user(String customerId, Function<BankUser, V> view) {
        audit.record(staff.name(), USER_VIEWED, "user", customerId, Map.of());
        return view.apply(users.find(customerId));
    }

    @Transactional(dontRollbackOn = RefusalException.class)
    public <V> List<V> tokensOf(String customerId, Function<Token, V> view) {
        audit.record(staff.name(), USER_TOKENS_VIEWED, "user", customerId, Map.of());
        return tokens.ofOwner(customerId).stream().map(view).toList();
    }

    @Transactional(dontRollbackOn = RefusalException.class)
    public <V> V token(String csn, Function<Token, V> view) {
        audit.record(staff.name(), TOKEN_VIEWED, "token", csn, Map.of());
        return view.apply(tokens.find(csn));
    }

    @Transactional(dontRollbackOn = RefusalException.class)
    public <V> List<V> certificatesOf(String csn, Function<Certificate, V> view) {
        audit.record(staff.name(), TOKEN_CERTIFICATES_VIEWED, "token", csn, Map.of());
        return tokens.certificatesOf(csn).stream().map(view).toList();
    }
}
