-- Issue 9 item 7: failure counters of sign-in throttling (one per source address and per account and
-- source pair, so attackers on rotating addresses add rows) are deleted once forgotten; the purge
-- finds them by locked_until.
CREATE INDEX sign_in_failures_locked_until ON sign_in_failures (locked_until);
