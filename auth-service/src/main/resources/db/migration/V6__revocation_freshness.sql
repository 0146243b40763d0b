-- How far the registry projection has applied each partition of the registry's topics: compared with the topics'
-- end offsets, it proves the projection current (revocation package, docs/auth-service.md).
create table projection_offset (
    topic        varchar(100) not null,
    partition_no integer      not null,
    next_offset  bigint       not null,
    primary key (topic, partition_no)
);

-- The login certificate a token login was made with, so that finishing the login and redeeming its code can ask
-- again whether it is still good (OCSP needs the serial).
alter table login_transaction add column certificate_serial varchar(64);
alter table authorization_code add column certificate_serial varchar(64);
