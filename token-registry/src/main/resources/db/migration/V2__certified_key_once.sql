-- A key is certified once, for one token, ever: the last line of defence against two hand-overs racing with
-- the same key. Rows from before this column get their hash from their PEM at startup (CertifiedKeyBackfill);
-- a row whose key an older certificate already held keeps a null hash and is reported.
alter table certificate add column public_key_sha256 varchar(64) check (public_key_sha256 ~ '^[0-9a-f]{64}$');

create unique index certificate_public_key_sha256 on certificate (public_key_sha256);
