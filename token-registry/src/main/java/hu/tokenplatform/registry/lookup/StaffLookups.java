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
 * like a change, with the staff member as actor, so that the bank can answer who looked at whom. Every lookup is
 * audited whether or not it finds anything (a refused lookup of an identifier that does not exist is how someone
 * probes for customers): the entry is written after the lookup, in the same transaction, which commits also when the
 * lookup is refused. Written last because appending takes the audit chain's lock until commit, and audited writes
 * (hand-overs, revocations) wait on it: held for the insert, not for the reads. Nothing of what was shown goes into
 * the entry, only what was asked for.
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
        try {
            return view.apply(users.find(customerId));
        } finally {
            audit.record(staff.name(), USER_VIEWED, "user", customerId, Map.of());
        }
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> List<V> tokensOf(String customerId, Function<Token, V> view) {
        try {
            return tokens.ofOwner(customerId).stream().map(view).toList();
        } finally {
            audit.record(staff.name(), USER_TOKENS_VIEWED, "user", customerId, Map.of());
        }
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> V token(String csn, Function<Token, V> view) {
        try {
            return view.apply(tokens.find(csn));
        } finally {
            audit.record(staff.name(), TOKEN_VIEWED, "token", csn, Map.of());
        }
    }

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = RefusalException.class)
    public <V> List<V> certificatesOf(String csn, Function<Certificate, V> view) {
        try {
            return tokens.certificatesOf(csn).stream().map(view).toList();
        } finally {
            audit.record(staff.name(), TOKEN_CERTIFICATES_VIEWED, "token", csn, Map.of());
        }
    }
}
