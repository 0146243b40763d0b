-- Outbox, inbox and audit log of libs/service-kit.
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
    previous_hash varchar(64)  not null,
    entry_hash    varchar(64)  not null unique
);

create index audit_entry_subject on audit_entry (subject_id, id);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();

-- Projection of token-registry's events: only what login decisions need.
create table bank_user (
    customer_id   varchar(8)   primary key,
    name          varchar(200) not null,
    company_id    varchar(64)  not null,
    company_name  varchar(200) not null,
    services      varchar(100) not null,
    signing_right boolean      not null,
    updated_at    timestamptz  not null
);

-- Re-contracting switches password login off; kept apart from bank_user so that its order against
-- user.registered never matters.
create table recontracting (
    customer_id        varchar(8)   primary key,
    effective_at       timestamptz  not null,
    contract_reference varchar(100)
);

create table token (
    csn               varchar(16) primary key,
    customer_id       varchar(8)  not null,
    handed_over_at    timestamptz,
    revoked_at        timestamptz,
    revocation_reason varchar(20)
);

create table certificate (
    sha256_fingerprint varchar(64) primary key,
    serial_number      varchar(64) not null unique,
    csn                varchar(16) not null,
    customer_id        varchar(8)  not null,
    usage              varchar(10) not null check (usage in ('LOGIN', 'SIGNING')),
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    revoked_at         timestamptz,
    revocation_reason  varchar(40)
);

create index certificate_csn on certificate (csn);

-- One login attempt from the login page: the challenge the token signs and what it is bound to.
create table login_transaction (
    id                    varchar(64)   primary key,
    challenge             bytea         not null,
    client_id             varchar(32)   not null,
    origin                varchar(300)  not null,
    browser_session_hash  bytea         not null,
    created_at            timestamptz   not null,
    expires_at            timestamptz   not null,
    redirect_uri          varchar(2000) not null,
    scope                 varchar(500)  not null,
    state                 varchar(1000),
    nonce                 varchar(1000),
    code_challenge        varchar(128)  not null,
    status                varchar(20)   not null check (status in ('PENDING', 'AUTHENTICATED', 'COMPLETED')),
    customer_id           varchar(8),
    csn                   varchar(16),
    method                varchar(10),
    authenticated_at      timestamptz,
    completed_at          timestamptz
);

create index login_transaction_expires on login_transaction (expires_at);

-- Fixed-window failure counters: per certificate, per source address, per customer identifier.
create table login_throttle (
    scope        varchar(20)  not null,
    subject      varchar(128) not null,
    window_start timestamptz  not null,
    failures     integer      not null,
    primary key (scope, subject)
);

-- Authorization codes, stored only as their SHA-256: single use, short-lived, bound to client, redirect URI
-- and PKCE challenge.
create table authorization_code (
    code_hash      bytea         primary key,
    client_id      varchar(32)   not null,
    redirect_uri   varchar(2000) not null,
    scope          varchar(500)  not null,
    nonce          varchar(1000),
    code_challenge varchar(128)  not null,
    customer_id    varchar(8)    not null,
    csn            varchar(16),
    method         varchar(10)   not null,
    auth_time      timestamptz   not null,
    expires_at     timestamptz   not null,
    used_at        timestamptz
);

create index authorization_code_expires on authorization_code (expires_at);
