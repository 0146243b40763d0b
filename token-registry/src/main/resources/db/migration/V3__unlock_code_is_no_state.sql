-- Issue 10: an unlock Code changes no registry state. The PIN lock lives on the token, which the registry cannot
-- see; a Code issued by the helpdesk is a fact about the token (when the last one was issued), not a state.

alter table token add column last_unlock_code_at timestamptz;

-- The fact, for Codes recorded before: when the registry learned of each (its audit line token.locked).
update token t
   set last_unlock_code_at = (select max(a.occurred_at) from audit_entry a
                               where a.subject_id = t.csn and a.action = 'token.locked')
 where exists (select 1 from audit_entry a where a.subject_id = t.csn and a.action = 'token.locked');

-- Tokens recorded LOCKED go back to the state they would have without it: ACTIVE if a token login ever activated
-- them (audit line token.activated), else ISSUED (locked before the first login).
update token t
   set state = case when exists (select 1 from audit_entry a
                                  where a.subject_id = t.csn and a.action = 'token.activated')
                    then 'ACTIVE' else 'ISSUED' end
 where state = 'LOCKED';

alter table token drop constraint token_state_check;
alter table token add constraint token_state_check check (state in ('IN_STOCK', 'ISSUED', 'ACTIVE', 'REVOKED'));

drop index token_one_live_per_user;
-- A user holds at most one live token.
create unique index token_one_live_per_user on token (owner_customer_id) where state in ('ISSUED', 'ACTIVE');
