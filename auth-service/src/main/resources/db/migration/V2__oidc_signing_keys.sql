-- The OIDC provider's signing keys: the private key encrypted (AES-256-GCM, key from configuration), the public
-- key as a JWK. The newest key signs; superseded keys stay in the JWKS until tokens signed with them expired.
create table signing_key (
    kid                   varchar(64)  primary key,
    algorithm             varchar(10)  not null,
    public_jwk            text         not null,
    private_key_encrypted bytea        not null,
    created_at            timestamptz  not null,
    superseded_at         timestamptz,
    published_until       timestamptz
);

create index signing_key_created on signing_key (created_at);
