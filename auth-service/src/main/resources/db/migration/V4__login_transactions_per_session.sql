-- A browser session keeps only its newest pending login transactions: found by session when a new one starts.
create index login_transaction_pending_session on login_transaction (browser_session_hash) where status = 'PENDING';
