package hu.tokenplatform.registry.token;

import hu.tokenplatform.registry.certificate.Certificate;
import hu.tokenplatform.registry.certificate.CertificateService;
import hu.tokenplatform.servicekit.problem.RefusalException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** What staff read about tokens; nothing here changes a token (that is {@link TokenLifecycle}'s). */
@ApplicationScoped
public class TokenQueries {

    @Inject
    CertificateService certificates;

    public Token find(String csn) {
        return Token.<Token>findByIdOptional(csn).orElseThrow(() -> notFound(csn));
    }

    /** The tokens a user was ever handed, newest hand-over first. */
    public List<Token> ofOwner(String customerId) {
        return Token.list("owner.customerId = ?1 order by handedOverAt desc", customerId);
    }

    /** The certificates of a token the registry knows, newest first. */
    public List<Certificate> certificatesOf(String csn) {
        find(csn);
        return certificates.ofToken(csn);
    }

    /** The refusal of an unknown CSN, for this lookup and {@link TokenLifecycle#findForUpdate} alike. */
    static RefusalException notFound(String csn) {
        return TokenRefusal.TOKEN_NOT_FOUND.exception("No token with CSN " + csn + ".");
    }
}
