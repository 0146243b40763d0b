package hu.tokenplatform.tokencrypto.attestation;

/** What an attested key is for: every user's token has a LOGIN key, users with a signing right a SIGNING key. */
public enum KeyPurpose {
    LOGIN,
    SIGNING
}
