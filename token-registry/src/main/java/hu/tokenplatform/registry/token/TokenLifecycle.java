package hu.tokenplatform.registry.token;

import hu.tokenplatform.events.data.TokenActivated;
import hu.tokenplatform.events.data.TokenHandedOver;
import hu.tokenplatform.events.data.TokenRevoked;
import hu.tokenplatform.registry.certificate.CertificateService;
import hu.tokenplatform.registry.user.BankUser;
import hu.tokenplatform.servicekit.audit.AuditLog;
import hu.tokenplatform.servicekit.outbox.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every token state change goes through here, so each one is checked, evented and audited the same way. */
@ApplicationScoped
public class TokenLifecycle {

    private static final Logger LOG = Logger.getLogger(TokenLifecycle.class);

    @Inject
    CertificateService certificates;

    @Inject
    EventOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The token row locked for the rest of the transaction. */
    public Token findForUpdate(String csn) {
        return findForUpdateIfPresent(csn).orElseThrow(() -> TokenQueries.notFound(csn));
    }

    public Optional<Token> findForUpdateIfPresent(String csn) {
        return Token.findByIdOptional(csn, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Token> liveTokenOf(BankUser user) {
        return Token.find("owner = ?1 and state in ?2", user, TokenState.LIVE).firstResultOptional();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void handOver(Token token, BankUser owner, String branch, String officer, String replacedCsn) {
        if (token.state != TokenState.IN_STOCK) {
            throw TokenRefusal.TOKEN_NOT_IN_STOCK.exception("Token " + token.csn + " is " + token.state + ", not IN_STOCK.");
        }
        Instant now = clock.instant();
        token.state = TokenState.ISSUED;
        token.owner = owner;
        token.handedOverAt = now;
        token.stateChangedAt = now;
        outbox.append(new TokenHandedOver(token.csn, owner.customerId, owner.company.companyId, branch, now, replacedCsn), officer);
        Map<String, Object> details = new HashMap<>();
        details.put("customerId", owner.customerId);
        details.put("branch", branch);
        if (replacedCsn != null) {
            details.put("replacedCsn", replacedCsn);
        }
        audit.record(officer, "token.handed-over", "token", token.csn, details);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(Token token, TokenRevocationReason reason, String actor) {
        if (token.state == TokenState.REVOKED) {
            throw TokenRefusal.TOKEN_ALREADY_REVOKED.exception("Token " + token.csn + " is already revoked.");
        }
        Instant now = clock.instant();
        TokenState previous = token.state;
        token.state = TokenState.REVOKED;
        token.stateChangedAt = now;
        token.revokedAt = now;
        token.revocationReason = reason;
        String owner = token.owner == null ? null : token.owner.customerId;
        outbox.append(new TokenRevoked(token.csn, owner, reason.name(), now), actor);
        audit.record(actor, "token.revoked", "token", token.csn,
                Map.of("reason", reason.name(), "previousState", previous.name()));
        certificates.revokeAllOf(token, reason.crlReason(), now, actor);
    }

    /**
     * A successful token login that auth-service reported: an ISSUED token becomes ACTIVE. Reports older than the
     * token's last change are stale (topics are not ordered against each other) and ignored, as are reports about
     * tokens that cannot make the move, such as revoked ones.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activateReported(String csn, Instant reportedAt, String actor, String eventId) {
        Optional<Token> found = findForUpdateIfPresent(csn);
        if (found.isEmpty()) {
            LOG.warnf("Event %s reports token %s, which the registry does not know; ignored", eventId, csn);
            return;
        }
        Token token = found.get();
        if (!token.state.canMoveTo(TokenState.ACTIVE) || reportedAt.isBefore(token.stateChangedAt)) {
            LOG.infof("Event %s: token %s stays %s (reported login)", eventId, csn, token.state);
            return;
        }
        TokenState previous = token.state;
        token.state = TokenState.ACTIVE;
        token.stateChangedAt = reportedAt;
        outbox.append(new TokenActivated(csn, token.owner.customerId), actor);
        audit.record(actor, "token.activated", "token", csn,
                Map.of("previousState", previous.name(), "causedByEvent", eventId));
    }

    /**
     * An unlock Code the helpdesk issued, as unlock-service reported it: a fact about the token, recorded and audited
     * under the helpdesk agent, that changes no state. Whether the token is PIN-locked only the token knows; a Code
     * is also issued for a token the registry knows as ISSUED or ACTIVE, and a wrong Code unlocks nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordUnlockCode(String csn, String customerId, Instant issuedAt, String actor, String eventId) {
        Optional<Token> found = findForUpdateIfPresent(csn);
        if (found.isEmpty()) {
            LOG.warnf("Event %s reports an unlock code for token %s, which the registry does not know; ignored", eventId, csn);
            return;
        }
        Token token = found.get();
        // Reports may arrive out of order: the fact kept is the latest Code.
        if (token.lastUnlockCodeAt == null || issuedAt.isAfter(token.lastUnlockCodeAt)) {
            token.lastUnlockCodeAt = issuedAt;
        }
        Map<String, Object> details = new HashMap<>();
        details.put("issuedAt", issuedAt.toString());
        details.put("state", token.state.name());
        details.put("causedByEvent", eventId);
        if (customerId != null) {
            details.put("customerId", customerId);
        }
        audit.record(actor, "token.unlock-code-issued", "token", csn, details);
    }
}
