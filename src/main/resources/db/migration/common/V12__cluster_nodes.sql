-- A cluster's nodes (jobdeck.cluster.enabled): one row per node start (its id is the Quartz instance id, which carries
-- the readable name and the incarnation), written by the node itself every second. CHECKIN_AT is the database's clock,
-- so that nodes with skewed clocks agree on who is late; SKEW_MILLIS is the node's clock minus the database's.
CREATE TABLE JOBDECK_NODE (
  NODE_ID           VARCHAR(200)  NOT NULL PRIMARY KEY,
  NODE_NAME         VARCHAR(60)   NOT NULL,
  ADDRESS           VARCHAR(200),
  VERSION           VARCHAR(60),
  STARTED_AT        TIMESTAMP WITH TIME ZONE NOT NULL,
  -- A SchedulerState name, LEFT after a clean shutdown; a node found silent is shown as lost.
  STATE             VARCHAR(16)   NOT NULL,
  STATE_SINCE       TIMESTAMP WITH TIME ZONE NOT NULL,
  REASON            VARCHAR(1000),
  BUSY_WORKERS      INT           NOT NULL,
  POOL_SIZE         INT           NOT NULL,
  RUNNING_JOBS      INT           NOT NULL,
  FIRES_LAST_MINUTE INT           NOT NULL,
  CHECKIN_AT        TIMESTAMP WITH TIME ZONE NOT NULL,
  SKEW_MILLIS       BIGINT        NOT NULL,
  -- When another node found this one lost and ended its executions as "node died".
  LOST_AT           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX JOBDECK_NODE_BY_NAME ON JOBDECK_NODE (NODE_NAME, STARTED_AT);

-- Nodes drained for maintenance by an operator, by readable name so that the drain survives the node's restart:
-- a drained node stands by while the others follow the cluster's desired state.
CREATE TABLE JOBDECK_NODE_DRAIN (
  NODE_NAME  VARCHAR(60)  NOT NULL PRIMARY KEY,
  DRAINED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  DRAINED_BY VARCHAR(200) NOT NULL
);

-- Work that one node at a time does for the whole cluster (the history's purge, finding lost nodes): the holder keeps
-- its row by renewing it before UNTIL; another node takes a row whose UNTIL has passed.
CREATE TABLE JOBDECK_TASK_LEASE (
  TASK   VARCHAR(60)  NOT NULL PRIMARY KEY,
  HOLDER VARCHAR(200) NOT NULL,
  UNTIL  TIMESTAMP WITH TIME ZONE NOT NULL
);
