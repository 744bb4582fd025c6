-- RFC 6749 §4.1.3: whether the authorization request carried redirect_uri, so the token request must repeat it.
-- Codes stored before this column existed live at most a minute; they are treated as having carried it.
ALTER TABLE authorization_codes ADD COLUMN redirect_uri_given BOOLEAN DEFAULT TRUE NOT NULL;
