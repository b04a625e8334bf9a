-- Personal API tokens (Authorization: Bearer ...). Only a SHA-256 hash of each token is kept; the token itself is
-- shown once, when it is made. ID is the token's public part (jdk_<ID>_<secret>), by which a presented token is found.
CREATE TABLE JOBDECK_API_TOKEN (
  ID           VARCHAR(32)  NOT NULL PRIMARY KEY,
  USERNAME     VARCHAR(200) NOT NULL,
  NAME         VARCHAR(100) NOT NULL,
  ROLE         VARCHAR(16)  NOT NULL,
  SECRET_HASH  VARCHAR(64)  NOT NULL,
  CREATED_AT   TIMESTAMP WITH TIME ZONE NOT NULL,
  EXPIRES_AT   TIMESTAMP WITH TIME ZONE NOT NULL,
  LAST_USED_AT TIMESTAMP WITH TIME ZONE,
  -- The node that made it, as in JOBDECK_AUDIT.
  NODE         VARCHAR(200)
);
CREATE UNIQUE INDEX JOBDECK_API_TOKEN_USER_NAME ON JOBDECK_API_TOKEN (USERNAME, NAME);
