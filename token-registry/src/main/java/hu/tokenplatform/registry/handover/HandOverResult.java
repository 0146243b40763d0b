package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.certificate.CertificateView;
import hu.tokenplatform.registry.token.TokenState;

import java.util.List;

/** The token handed over and its new certificates, with the CA chain: what the branch writes to the token. */
public record HandOverResult(String csn, String customerId, TokenState state, List<CertificateView> certificates,
                             String caChainPem) {
}
