-- token-registry schema: the system of record for companies, users, tokens and certificates. The outbox, inbox and
-- audit tables are libs/service-kit's (db/service-kit/V0_1__outbox_inbox_audit.sql), applied before this.

create table company (
    company_id  varchar(20)  primary key,
    name        varchar(200) not null,
    created_at  timestamptz  not null,
    created_by  varchar(100) not null
);

create table company_contract (
    company_id varchar(20) not null references company (company_id),
    service    varchar(16) not null check (service in ('ELECTRA', 'E_POSTA')),
    primary key (company_id, service)
);

create table bank_user (
    customer_id        varchar(8)   primary key check (customer_id ~ '^[0-9]{8}$'),
    name               varchar(200) not null,
    company_id         varchar(20)  not null references company (company_id),
    signing_right      boolean      not null,
    recontracted_at    timestamptz,
    recontracted_by    varchar(100),
    contract_reference varchar(40),
    created_at         timestamptz  not null,
    created_by         varchar(100) not null,
    version            bigint       not null default 0
);

create table user_service (
    customer_id varchar(8)  not null references bank_user (customer_id),
    service     varchar(16) not null check (service in ('ELECTRA', 'E_POSTA')),
    primary key (customer_id, service)
);

-- There is no locked state: the PIN lock lives on the token, which the registry cannot see. An unlock Code the
-- helpdesk issues is a fact about the token (last_unlock_code_at), not a state.
create table token (
    csn                 varchar(16) primary key check (csn ~ '^[0-9A-F]{8,16}$'),
    model               varchar(64) not null,
    delivery_reference  varchar(64) not null,
    state               varchar(16) not null,
    owner_customer_id   varchar(8)  references bank_user (customer_id),
    state_changed_at    timestamptz not null,
    handed_over_at      timestamptz,
    revoked_at          timestamptz,
    revocation_reason   varchar(16),
    version             bigint      not null default 0,
    last_unlock_code_at timestamptz,
    check (state = 'IN_STOCK' or owner_customer_id is not null or state = 'REVOKED'),
    constraint token_state_check check (state in ('IN_STOCK', 'ISSUED', 'ACTIVE', 'REVOKED'))
);

-- A user holds at most one live token.
create unique index token_one_live_per_user on token (owner_customer_id) where state in ('ISSUED', 'ACTIVE');

create table personal_identification (
    id                     bigint generated always as identity primary key,
    customer_id            varchar(8)   not null references bank_user (customer_id),
    csn                    varchar(16)  not null references token (csn),
    document_type          varchar(20)  not null,
    document_number_masked varchar(8)   not null,
    document_number_hash   varchar(64)  not null,
    branch                 varchar(20)  not null,
    officer                varchar(100) not null,
    identified_at          timestamptz  not null
);

create table certificate (
    serial_number      varchar(64)  primary key,
    csn                varchar(16)  not null references token (csn),
    customer_id        varchar(8)   not null references bank_user (customer_id),
    usage              varchar(16)  not null check (usage in ('LOGIN', 'SIGNING')),
    subject_dn         varchar(500) not null,
    key_description    varchar(32)  not null,
    not_before         timestamptz  not null,
    not_after          timestamptz  not null,
    status             varchar(16)  not null check (status in ('VALID', 'REVOKED')),
    revoked_at         timestamptz,
    revocation_reason  varchar(32),
    sha256_fingerprint varchar(64)  not null unique,
    pem                text         not null,
    issued_by          varchar(100) not null,
    -- SHA-256 of the certified key, the service always sets it. Nullable only so that a certificate that certifies
    -- a key another one already holds can be kept, and reported, rather than lost (CertifiedKeyBackfill).
    public_key_sha256  varchar(64)  check (public_key_sha256 ~ '^[0-9a-f]{64}$')
);

-- A key is certified once, for one token, ever: the last line of defence against two hand-overs racing with the
-- same key (HandOverService turns a violation into 422 key-already-certified).
create unique index certificate_public_key_sha256 on certificate (public_key_sha256);
create index certificate_csn on certificate (csn);
create index certificate_revoked on certificate (status) where status = 'REVOKED';

create table crl_state (
    id          integer     primary key check (id = 1),
    crl_number  bigint      not null,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null
);
