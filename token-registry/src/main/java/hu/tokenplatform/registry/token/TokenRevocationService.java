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

    @Transactional
    public Token revoke(String csn, TokenRevocationReason reason) {
        Token token = lifecycle.findForUpdate(csn);
        lifecycle.revoke(token, reason, staff.name());
        return token;
    }
}
