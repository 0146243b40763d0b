-- token-registry schema: the system of record for companies, users, tokens and certificates.

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
    customer_id        varchar(8)      primary key check (customer_id ~ '^[0-9]{8}$'),
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
    customer_id varchar(8)     not null references bank_user (customer_id),
    service     varchar(16) not null check (service in ('ELECTRA', 'E_POSTA')),
    primary key (customer_id, service)
);

create table token (
    csn                varchar(16)  primary key check (csn ~ '^[0-9A-F]{8,16}$'),
    model              varchar(64)  not null,
    delivery_reference varchar(64)  not null,
    state              varchar(16)  not null check (state in ('IN_STOCK', 'ISSUED', 'ACTIVE', 'LOCKED', 'REVOKED')),
    owner_customer_id  varchar(8)      references bank_user (customer_id),
    state_changed_at   timestamptz  not null,
    handed_over_at     timestamptz,
    revoked_at         timestamptz,
    revocation_reason  varchar(16),
    version            bigint       not null default 0,
    check (state = 'IN_STOCK' or owner_customer_id is not null or state = 'REVOKED')
);

-- A user holds at most one live token.
create unique index token_one_live_per_user on token (owner_customer_id)
    where state in ('ISSUED', 'ACTIVE', 'LOCKED');

create table personal_identification (
    id                     bigint generated always as identity primary key,
    customer_id            varchar(8)      not null references bank_user (customer_id),
    csn                    varchar(16)  not null references token (csn),
    document_type          varchar(20)  not null,
    document_number_masked varchar(8)   not null,
    document_number_hash   varchar(64)     not null,
    branch                 varchar(20)  not null,
    officer                varchar(100) not null,
    identified_at          timestamptz  not null
);

create table certificate (
    serial_number      varchar(64)  primary key,
    csn                varchar(16)  not null references token (csn),
    customer_id        varchar(8)      not null references bank_user (customer_id),
    usage              varchar(16)  not null check (usage in ('LOGIN', 'SIGNING')),
    subject_dn         varchar(500) not null,
    key_description    varchar(32)  not null,
    not_before         timestamptz  not null,
    not_after          timestamptz  not null,
    status             varchar(16)  not null check (status in ('VALID', 'REVOKED')),
    revoked_at         timestamptz,
    revocation_reason  varchar(32),
    sha256_fingerprint varchar(64)     not null unique,
    pem                text         not null,
    issued_by          varchar(100) not null
);

create index certificate_csn on certificate (csn);
create index certificate_revoked on certificate (status) where status = 'REVOKED';

create table crl_state (
    id          integer     primary key check (id = 1),
    crl_number  bigint      not null,
    this_update timestamptz not null,
    next_update timestamptz not null,
    der         bytea       not null
);

create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    varchar(64)  not null unique,
    event_type  varchar(64)  not null,
    topic       varchar(100) not null,
    message_key varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz,
    attempts    integer      not null default 0,
    last_error  varchar(500)
);

create index outbox_event_unsent on outbox_event (id) where sent_at is null;

create table processed_event (
    event_id     varchar(100) primary key,
    event_type   varchar(100) not null,
    processed_at timestamptz  not null
);

create table audit_entry (
    id            bigint generated always as identity primary key,
    occurred_at   timestamptz  not null,
    actor         varchar(200) not null,
    action        varchar(64)  not null,
    subject_type  varchar(32)  not null,
    subject_id    varchar(64)  not null,
    details       text         not null,
    previous_hash varchar(64)     not null,
    entry_hash    varchar(64)     not null unique
);

create index audit_entry_subject on audit_entry (subject_id, id);

-- The audit log is append-only: the database itself refuses to change or remove a line.
create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
