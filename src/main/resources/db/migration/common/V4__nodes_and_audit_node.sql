-- One live node per scheduler name and database (Quartz without clustering assumes it is alone).
CREATE TABLE JOBDECK_NODE_LEASE (
  SCHED_NAME VARCHAR(120) NOT NULL PRIMARY KEY,
  NODE_ID    VARCHAR(200) NOT NULL,
  HOST       VARCHAR(200) NOT NULL,
  PID        BIGINT       NOT NULL,
  STARTED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
  RENEWED_AT TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every audit record carries the node that wrote it.
ALTER TABLE JOBDECK_AUDIT ADD COLUMN NODE VARCHAR(200);
