-- unlock-service schema: e-PINs, caller verifications, rate limits, and the projection of registry events it
-- decides on. No secret is stored in clear: e-PINs as Argon2id hashes, verification ids as SHA-256 hashes.

-- Projection of registry.users: the customers the registry knows. Only what the decisions need.
create table customer (
    customer_id   varchar(8)  primary key check (customer_id ~ '^[0-9]{8}$'),
    company_id    varchar(20) not null,
    registered_at timestamptz not null
);

-- Projection of registry.tokens: whose token a CSN is, and whether it is revoked.
create table token (
    csn              varchar(16) primary key check (csn ~ '^[0-9A-F]{8,16}$'),
    customer_id      varchar(8)  not null check (customer_id ~ '^[0-9]{8}$'),
    state            varchar(16) not null check (state in ('ISSUED', 'ACTIVE', 'LOCKED', 'REVOKED')),
    state_changed_at timestamptz not null
);

create index token_customer on token (customer_id);

-- A customer's e-PIN: Argon2id in PHC string form ($argon2id$v=19$m=..,t=..,p=..$salt$hash), so that each
-- hash carries the parameters it was made with and the parameters can be raised later.
create table e_pin (
    customer_id varchar(8)   primary key references customer (customer_id),
    hash        varchar(200) not null check (hash like '$argon2id$%'),
    set_at      timestamptz  not null,
    set_by      varchar(200) not null
);

-- Consecutive wrong e-PINs per customer identifier, for every well-formed identifier a helpdesk agent enters,
-- registered or not: a lockout must not tell whether an identifier exists.
create table caller_lockout (
    customer_id     varchar(8) primary key check (customer_id ~ '^[0-9]{8}$'),
    failed_attempts integer    not null default 0 check (failed_attempts >= 0),
    last_failure_at timestamptz,
    locked_at       timestamptz
);

-- A verified caller, bound to the helpdesk agent who verified them. The id handed to the agent is a bearer
-- secret, so only its SHA-256 is kept.
create table caller_verification (
    id_hash     varchar(64)  primary key,
    customer_id varchar(8)   not null references customer (customer_id),
    agent       varchar(200) not null,
    verified_at timestamptz  not null,
    expires_at  timestamptz  not null
);

create index caller_verification_expiry on caller_verification (expires_at);

-- Sliding-window rate limits shared by every instance: one row per counted action.
create table rate_event (
    id          bigint generated always as identity primary key,
    scope       varchar(32)  not null,
    subject     varchar(200) not null,
    occurred_at timestamptz  not null
);

create index rate_event_window on rate_event (scope, subject, occurred_at);
create index rate_event_age on rate_event (occurred_at);
