package hu.tokenplatform.registry.handover;

public enum IdentityDocumentType {
    ID_CARD,
    PASSPORT,
    DRIVING_LICENCE,
    RESIDENCE_PERMIT
}
