-- The tables of libs/service-kit, applied before a service's own migrations: each service that lists
-- db/service-kit in quarkus.flyway.locations gets them in its own database, in the version Hibernate validates.
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

-- The audit log is append-only: the database itself refuses to change or remove a line.
create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
