-- Users (SCIM), browser sessions, consents, authorization codes and refresh tokens.
-- Same rules as V1: one script for H2 and PostgreSQL, epoch-millis BIGINTs, only keyed hashes of secrets.

CREATE TABLE users (
    tenant_id        VARCHAR(63)    NOT NULL,
    id               VARCHAR(64)    NOT NULL,
    user_name        VARCHAR(256)   NOT NULL,
    user_name_lower  VARCHAR(256)   NOT NULL,
    external_id      VARCHAR(256),
    active           BOOLEAN        NOT NULL,
    password_hash    VARCHAR(256),
    resource         VARCHAR(65536) NOT NULL,
    version          BIGINT         NOT NULL,
    created_at       BIGINT         NOT NULL,
    updated_at       BIGINT         NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_user_name ON users (tenant_id, user_name_lower);
CREATE INDEX users_external_id ON users (tenant_id, external_id);

CREATE TABLE user_emails (
    tenant_id    VARCHAR(63)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    value_lower  VARCHAR(320) NOT NULL,
    PRIMARY KEY (tenant_id, user_id, value_lower)
);
CREATE INDEX user_emails_value ON user_emails (tenant_id, value_lower);

CREATE TABLE sessions (
    tenant_id     VARCHAR(63)  NOT NULL,
    session_hash  VARCHAR(64)  NOT NULL,
    sid           VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL,
    auth_time     BIGINT       NOT NULL,
    amr           VARCHAR(128) NOT NULL,
    acr           VARCHAR(128),
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NOT NULL,
    idle_expires_at BIGINT     NOT NULL,
    expires_at    BIGINT       NOT NULL,
    ended_at      BIGINT,
    PRIMARY KEY (tenant_id, session_hash)
);
CREATE INDEX sessions_sid ON sessions (tenant_id, sid);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE consents (
    tenant_id   VARCHAR(63)   NOT NULL,
    user_id     VARCHAR(64)   NOT NULL,
    client_id   VARCHAR(128)  NOT NULL,
    scope       VARCHAR(4000) NOT NULL,
    granted_at  BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, user_id, client_id)
);

CREATE TABLE authorization_codes (
    tenant_id       VARCHAR(63)   NOT NULL,
    code_hash       VARCHAR(64)   NOT NULL,
    grant_id        VARCHAR(64)   NOT NULL,
    client_id       VARCHAR(128)  NOT NULL,
    user_id         VARCHAR(64)   NOT NULL,
    redirect_uri    VARCHAR(2048) NOT NULL,
    scope           VARCHAR(4000) NOT NULL,
    resource        VARCHAR(4000),
    code_challenge  VARCHAR(128),
    nonce           VARCHAR(512),
    sid             VARCHAR(64),
    auth_time       BIGINT        NOT NULL,
    amr             VARCHAR(128),
    acr             VARCHAR(128),
    created_at      BIGINT        NOT NULL,
    expires_at      BIGINT        NOT NULL,
    consumed_at     BIGINT,
    PRIMARY KEY (tenant_id, code_hash)
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

CREATE TABLE refresh_tokens (
    tenant_id         VARCHAR(63)   NOT NULL,
    token_hash        VARCHAR(64)   NOT NULL,
    grant_id          VARCHAR(64)   NOT NULL,
    client_id         VARCHAR(128)  NOT NULL,
    user_id           VARCHAR(64)   NOT NULL,
    scope             VARCHAR(4000) NOT NULL,
    resource          VARCHAR(4000),
    sid               VARCHAR(64),
    offline           BOOLEAN       NOT NULL,
    auth_time         BIGINT        NOT NULL,
    issued_at         BIGINT        NOT NULL,
    expires_at        BIGINT        NOT NULL,
    family_expires_at BIGINT        NOT NULL,
    consumed_at       BIGINT,
    revoked_at        BIGINT,
    PRIMARY KEY (tenant_id, token_hash)
);
CREATE INDEX refresh_tokens_grant ON refresh_tokens (tenant_id, grant_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (family_expires_at);

CREATE TABLE sign_in_failures (
    tenant_id    VARCHAR(63)  NOT NULL,
    subject_key  VARCHAR(320) NOT NULL,
    failures     INTEGER      NOT NULL,
    last_failure BIGINT       NOT NULL,
    locked_until BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, subject_key)
);

-- JWT access tokens issued within a grant family (code / refresh), so revoking the family can put
-- their jtis on the revocation list.
CREATE TABLE jwt_grants (
    tenant_id   VARCHAR(63) NOT NULL,
    jti         VARCHAR(64) NOT NULL,
    grant_id    VARCHAR(64) NOT NULL,
    expires_at  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, jti)
);
CREATE INDEX jwt_grants_grant ON jwt_grants (tenant_id, grant_id);
CREATE INDEX jwt_grants_expiry ON jwt_grants (expires_at);
