-- Failed-login throttling (LoginThrottle), shared by every node of a cluster: one row per user name, per user name and
-- client, and per client, keyed by a kind letter and 128 bits of the SHA-256 of the name and client (never the name
-- itself). Times are epoch milliseconds. A row lives until EXPIRES_AT; expired rows are deleted, and beyond a fixed
-- number of rows the oldest ones that hold no lock are deleted too, so the table stays bounded whatever is sent.
-- VERSION makes each change a compare-and-set, so that two nodes counting at once lose no failure.
CREATE TABLE JOBDECK_LOGIN_THROTTLE (
  THROTTLE_KEY VARCHAR(40)     NOT NULL PRIMARY KEY,
  LOCKED_UNTIL BIGINT          NOT NULL,
  EXPIRES_AT   BIGINT          NOT NULL,
  STATE        VARCHAR(100000) NOT NULL,
  VERSION      BIGINT          NOT NULL
);
CREATE INDEX JOBDECK_LOGIN_THROTTLE_EXPIRES ON JOBDECK_LOGIN_THROTTLE (EXPIRES_AT);

-- Alert de-duplication across nodes: the node (by name) that last changed a rule's state for a subject. A node sends
-- an alert only if it made the change (a compare-and-set on the row); it tells "fine again" without a verdict only for
-- what it made firing itself, since what it does not see may be wrong on another node.
ALTER TABLE JOBDECK_ALERT_STATE ADD COLUMN NODE_NAME VARCHAR(60);
