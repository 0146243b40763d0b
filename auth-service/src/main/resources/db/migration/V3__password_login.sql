-- Legacy password hashes imported from the old Electra login, for users not yet re-contracted.
create table password_credential (
    customer_id   varchar(8)   primary key,
    password_hash varchar(300) not null,
    imported_at   timestamptz  not null,
    imported_by   varchar(200) not null
);
