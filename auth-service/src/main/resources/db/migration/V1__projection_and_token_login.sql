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
