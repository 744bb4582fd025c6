-- Revoked grant families: one row per family revoked (authorization code replay, refresh token reuse,
-- RFC 7009 revocation of a refresh token, ...). GrantRevocation writes the row before it revokes the
-- family's tokens, and every issuer of a family's tokens reads it after storing them, so a revocation
-- racing an issuance cannot leave the new tokens valid (see GrantRevocation's Javadoc).
-- Same rules as V1: one script for H2 and PostgreSQL, epoch-millis BIGINTs. Additive only: a node of
-- the previous release ignores the table.

CREATE TABLE revoked_grants (
    tenant_id   VARCHAR(63) NOT NULL,
    grant_id    VARCHAR(64) NOT NULL,
    revoked_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, grant_id)
);
CREATE INDEX revoked_grants_expiry ON revoked_grants (expires_at);
