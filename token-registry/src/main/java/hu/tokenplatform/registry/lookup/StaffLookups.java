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
import java.util.function.Function;

/**
 * A staff member looking up a customer's personal data (the user, their tokens, a token, its certificates): audited
 * like a change, with the staff member as actor, so that the bank can answer who looked at whom. Every lookup is
 * audited whether or not it finds anything (a refused lookup of an identifier that does not exist is how someone
 * probes for customers): {@link AuditLog#recordRead} writes the entry after the lookup, in the same transaction,
 * which commits also when the lookup is refused. Nothing of what was shown goes into the entry, only what was asked for.
 * <p>
 * Each lookup is a transaction of its own ({@code REQUIRES_NEW}): a refusal commits the audit entry and never anything
 * of a caller's.
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

    /** @param view what the caller shows, made inside the transaction, from the entity it was read with */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> V user(String customerId, Function<BankUser, V> view) {
        return audit.recordRead(staff.name(), USER_VIEWED, "user", customerId, () -> view.apply(users.find(customerId)));
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> List<V> tokensOf(String customerId, Function<Token, V> view) {
        return audit.recordRead(staff.name(), USER_TOKENS_VIEWED, "user", customerId,
                () -> tokens.ofOwner(customerId).stream().map(view).toList());
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> V token(String csn, Function<Token, V> view) {
        return audit.recordRead(staff.name(), TOKEN_VIEWED, "token", csn, () -> view.apply(tokens.find(csn)));
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> List<V> certificatesOf(String csn, Function<Certificate, V> view) {
        return audit.recordRead(staff.name(), TOKEN_CERTIFICATES_VIEWED, "token", csn,
                () -> tokens.certificatesOf(csn).stream().map(view).toList());
    }
}
