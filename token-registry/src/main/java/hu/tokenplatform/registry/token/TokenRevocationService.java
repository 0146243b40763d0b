package hu.tokenplatform.registry.token;

import hu.tokenplatform.servicekit.problem.Problems;
import hu.tokenplatform.servicekit.security.CurrentStaff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class TokenRevocationService {

    @Inject
    TokenLifecycle lifecycle;

    @Inject
    CurrentStaff staff;

    public Token find(String csn) {
        return Token.<Token>findByIdOptional(csn)
                .orElseThrow(() -> Problems.notFound("token-not-found", "No token with CSN " + csn + "."));
    }

    /**
     * Revokes a token at a staff member's request. REPLACED is refused: it says a new token took the old one's place,
     * which only a replacement hand-over ({@code HandOverService}) can truthfully record, in the same transaction.
     */
    @Transactional
    public Token revoke(String csn, TokenRevocationReason reason) {
        if (reason == TokenRevocationReason.REPLACED) {
            throw Problems.unprocessable("revocation-reason-not-allowed", "A token is revoked as REPLACED only by the "
                    + "hand-over of its replacement; revoke it as LOST, STOLEN or RETURNED.");
        }
        Token token = lifecycle.findForUpdate(csn);
        lifecycle.revoke(token, reason, staff.name());
        return token;
    }
}
