-- The certificates on each token, as the registry announces them: what the helpdesk agent sees of a verified caller's
-- token (which certificate, valid until when, revoked or not). Public data; the PEM is not kept.
create table certificate (
    serial_number varchar(64) primary key,
    csn           varchar(16) not null check (csn ~ '^[0-9A-F]{8,16}$'),
    usage         varchar(16) not null check (usage in ('LOGIN', 'SIGNING')),
    not_after     timestamptz not null,
    revoked       boolean     not null default false
);

create index certificate_csn on certificate (csn);
