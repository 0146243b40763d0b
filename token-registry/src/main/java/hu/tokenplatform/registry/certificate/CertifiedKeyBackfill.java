package hu.tokenplatform.registry.certificate;

import hu.tokenplatform.tokencrypto.attestation.KeyAttestation;
import hu.tokenplatform.tokencrypto.attestation.Pem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Gives certificates issued before the registry kept key hashes their hash from their PEM, at startup and before
 * the service takes requests, so that their keys are refused for any new certificate like every other certified
 * key. If old certificates certify one key twice (the attack the hash closes), the oldest keeps the hash, so the
 * key stays refused, and the others are reported at every start until they are revoked.
 */
@ApplicationScoped
public class CertifiedKeyBackfill {

    private static final Logger LOG = Logger.getLogger(CertifiedKeyBackfill.class);
    /** The registry's advisory lock for this backfill, the same in every replica ("CKBF" in ASCII). */
    static final long ADVISORY_LOCK_KEY = 0x434B4246L;

    @Inject
    CertificateService certificates;

    void onStart(@Observes StartupEvent event) {
        int filled = backfill();
        if (filled > 0) {
            LOG.infof("Recorded the key hash of %d certificate(s) issued before key hashes were kept", filled);
        }
    }

    /**
     * Runs under a transaction-scoped advisory lock: replicas starting together take turns, and the second finds the
     * first one's work committed instead of repeating it on rows the first has not committed yet.
     *
     * @return how many certificates got their hash
     */
    public int backfill() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Certificate.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(:key)")
                    .setParameter("key", ADVISORY_LOCK_KEY)
                    .getSingleResult();
            List<Certificate> missing = Certificate.list("publicKeySha256 is null order by notBefore, serialNumber");
            int filled = 0;
            for (Certificate certificate : missing) {
                String hash;
                try {
                    hash = KeyAttestation.publicKeySha256(Pem.readCertificate(certificate.pem).getPublicKey());
                } catch (IllegalArgumentException e) {
                    LOG.errorf("Certificate %s: its stored PEM cannot be read, so its key cannot be refused for new "
                            + "certificates", certificate.serialNumber);
                    continue;
                }
                Optional<Certificate> holder = certificates.certifiedWithKey(hash);
                if (holder.isPresent()) {
                    LOG.errorf("Certificate %s (token %s) certifies the same key as certificate %s (token %s), issued "
                                    + "before keys were certified only once: revoke it", certificate.serialNumber,
                            certificate.csn, holder.get().serialNumber, holder.get().csn);
                    continue;
                }
                certificate.publicKeySha256 = hash;
                Certificate.flush();
                filled++;
            }
            return filled;
        });
    }
}
