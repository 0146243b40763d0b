package hu.tokenplatform.console.branch;

/** The identity documents the registry accepts for personal identification (its {@code IdentityDocumentType}). */
public enum IdentityDocument {
    ID_CARD, PASSPORT, DRIVING_LICENCE, RESIDENCE_PERMIT
}
