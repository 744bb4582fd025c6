-- Token-handler apps (CONTRACT §6.2) and their cookie-encryption keys.
-- Same rules as V1: one script for H2 and PostgreSQL, epoch-millis BIGINTs; keys are stored encrypted
-- under the master key (AES-256-GCM, tenant/app/kid as associated data), never in the clear.

CREATE TABLE token_handlers (
    tenant_id      VARCHAR(63)   NOT NULL,
    app_id         VARCHAR(63)   NOT NULL,
    client_id      VARCHAR(128)  NOT NULL,
    web_origins    VARCHAR(8000) NOT NULL,
    cookie_prefix  VARCHAR(64)   NOT NULL,
    cookie_domain  VARCHAR(253),
    cookie_path    VARCHAR(256)  NOT NULL,
    redirect_uri   VARCHAR(2048) NOT NULL,
    scope          VARCHAR(4000) NOT NULL,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    PRIMARY KEY (tenant_id, app_id)
);
-- one app per cookie prefix in a tenant: forward-auth finds the app by its access-token cookie's name
CREATE UNIQUE INDEX token_handlers_cookie_prefix ON token_handlers (tenant_id, cookie_prefix);

CREATE TABLE token_handler_keys (
    tenant_id   VARCHAR(63)  NOT NULL,
    app_id      VARCHAR(63)  NOT NULL,
    kid         VARCHAR(16)  NOT NULL,
    key_enc     VARCHAR(512) NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT,
    PRIMARY KEY (tenant_id, app_id, kid)
);
