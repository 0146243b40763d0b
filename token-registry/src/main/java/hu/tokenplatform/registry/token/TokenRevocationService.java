package hu.tokenplatform.registry.token;

import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Revokes a token at a staff member's request (lost, stolen, returned). */
@ApplicationScoped
public class TokenRevocationService {

    @Inject
    TokenLifecycle lifecycle;

    @Inject
    CurrentStaff staff;

    /**
     * Revokes a token at a staff member's request. REPLACED is refused: it says a new token took the old one's place,
     * which only a replacement hand-over ({@code HandOverService}) can truthfully record, in the same transaction.
     */
    @Transactional
    public Token revoke(String csn, TokenRevocationReason reason) {
        if (reason == TokenRevocationReason.REPLACED) {
            throw TokenRefusal.REVOCATION_REASON_NOT_ALLOWED.exception();
        }
        Token token = lifecycle.findForUpdate(csn);
        lifecycle.revoke(token, reason, staff.name());
        return token;
    }
}
