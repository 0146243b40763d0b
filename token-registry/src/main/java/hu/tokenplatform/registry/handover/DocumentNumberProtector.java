package hu.tokenplatform.registry.handover;

import hu.tokenplatform.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** Masks and hashes identity document numbers so that the registry never stores one in clear. */
@ApplicationScoped
public class DocumentNumberProtector {

    private static final int VISIBLE_CHARS = 3;

    private final SecretKeySpec key;

    @Inject
    public DocumentNumberProtector(RegistryConfig config) {
        byte[] keyBytes = config.identification().documentHashKey().getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length < 32) {
            throw new IllegalStateException("registry.identification.document-hash-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    /** Only the last characters stay visible, as on a receipt: enough for an officer to recognise a document. */
    public String mask(String documentNumber) {
        return "***" + documentNumber.substring(documentNumber.length() - VISIBLE_CHARS);
    }

    public String hash(IdentityDocumentType type, String documentNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((type.name() + ':' + documentNumber).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
