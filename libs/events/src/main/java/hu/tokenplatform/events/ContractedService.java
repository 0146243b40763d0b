package hu.tokenplatform.events;

/** The bank services a company contracts and a user may be given. One token opens both. */
public enum ContractedService {
    ELECTRA,
    E_POSTA
}
