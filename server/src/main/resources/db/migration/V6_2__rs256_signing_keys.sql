-- Issue 9 item 10 (CONTRACT §2): every tenant's RS256 key chain, beside the chain of its signingAlgorithm
-- (table signing_keys). Same life cycle (NEXT, ACTIVE, RETIRED), same encryption under the master key.
CREATE TABLE rs256_signing_keys (
    tenant_id        VARCHAR(63)    NOT NULL,
    kid              VARCHAR(64)    NOT NULL,
    alg              VARCHAR(16)    NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    public_jwk       VARCHAR(8000)  NOT NULL,
    private_jwk_enc  VARCHAR(16000) NOT NULL,
    created_at       BIGINT         NOT NULL,
    activated_at     BIGINT,
    retired_at       BIGINT,
    publish_until    BIGINT,
    PRIMARY KEY (tenant_id, kid)
);
CREATE INDEX rs256_signing_keys_state ON rs256_signing_keys (state, activated_at);
