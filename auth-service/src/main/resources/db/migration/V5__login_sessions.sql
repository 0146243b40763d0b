-- One row per login (OIDC session id, the sid claim of its ID and access tokens): what the platform can still
-- revoke of self-contained tokens is their use here. Ending a session makes userinfo refuse its tokens.
create table login_session (
    sid                varchar(64)  primary key,
    customer_id        varchar(8)   not null,
    csn                varchar(16),
    certificate_serial varchar(64),
    created_at         timestamptz  not null,
    ended_at           timestamptz,
    end_reason         varchar(40)
);

create index login_session_created on login_session (created_at);
-- The token's login certificate and CSN: what a revocation ends sessions by.
create index login_session_csn on login_session (csn) where ended_at is null;

-- The login's session travels with it to the authorization code, whose second redemption ends it.
alter table login_transaction add column session_id varchar(64);
alter table authorization_code add column session_id varchar(64);
