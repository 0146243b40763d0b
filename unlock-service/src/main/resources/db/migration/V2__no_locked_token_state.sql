-- Issue 10: the registry no longer has a LOCKED token state (an unlock Code changes no registry state) and no longer
-- publishes token.locked. The registry moves its LOCKED tokens to ACTIVE or ISSUED from its audit log (did the token
-- ever log in); this projection cannot tell, and only REVOKED matters to the unlock. Such a token becomes ACTIVE here:
-- at worst ahead of the registry until the token's first login.
update token set state = 'ACTIVE' where state = 'LOCKED';

alter table token drop constraint token_state_check;
alter table token add constraint token_state_check check (state in ('ISSUED', 'ACTIVE', 'REVOKED'));
