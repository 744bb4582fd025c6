-- Issue 9: userNames are unique per tenant on their RFC 8265 UsernameCaseMapped key (width-mapped,
-- lower-cased, NFC; dev.tessera.user.UserNames.key), so that confusable names cannot coexist.
-- One script for H2 and PostgreSQL. The key needs Java's Unicode tables, so this backfills the
-- lower-cased name (the same key for ASCII names) and the server re-keys the other rows at start
-- (store.UserNameKeys). Expand only: user_name_lower and its index stay, and the column is
-- nullable, so the previous release keeps working during a rolling upgrade (its rows are keyed at
-- the next start; lookups fall back to user_name_lower for rows without a key).
ALTER TABLE users ADD COLUMN user_name_key VARCHAR(256);
UPDATE users SET user_name_key = user_name_lower;
CREATE UNIQUE INDEX users_user_name_key ON users (tenant_id, user_name_key);
