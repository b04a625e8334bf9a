-- Per-minute buckets for the charts (stats/): written by each node for what it ran, read by summing over nodes, so a
-- chart reads at most one row per job, node and minute rather than the history. EPOCH_MINUTE is the minute's start in
-- minutes since 1970-01-01 UTC. Histograms are log-scale bucket counts as text ("index:count,..."; stats/internal/
-- Histogram), so percentiles are read from merged minutes, jobs and nodes; the exact maximum is kept beside each.
-- Kept 35 days (stats/internal/StatsUpkeep).
CREATE TABLE JOBDECK_STATS_MINUTE (
  EPOCH_MINUTE    BIGINT        NOT NULL,
  JOB_GROUP       VARCHAR(200)  NOT NULL,
  JOB_NAME        VARCHAR(200)  NOT NULL,
  NODE            VARCHAR(200)  NOT NULL,
  -- Executions that ended in the minute, by outcome (OTHER: interrupted, vetoed, misfired).
  SUCCEEDED       INT           NOT NULL,
  FAILED          INT           NOT NULL,
  OTHER           INT           NOT NULL,
  DURATION_HIST   VARCHAR(4000) NOT NULL,
  DURATION_MAX_MS BIGINT        NOT NULL,
  -- Fire lag (fired minus scheduled) of those that had a scheduled time.
  LAG_HIST        VARCHAR(4000) NOT NULL,
  LAG_MAX_MS      BIGINT        NOT NULL,
  PRIMARY KEY (EPOCH_MINUTE, JOB_GROUP, JOB_NAME, NODE)
);
-- One job's minutes (the job page).
CREATE INDEX JOBDECK_STATS_MINUTE_JOB ON JOBDECK_STATS_MINUTE (JOB_GROUP, JOB_NAME, EPOCH_MINUTE);

-- Worker pool use: sampled every second on each node, one row per node and minute.
CREATE TABLE JOBDECK_STATS_POOL (
  EPOCH_MINUTE BIGINT       NOT NULL,
  NODE         VARCHAR(200) NOT NULL,
  SAMPLES      INT          NOT NULL,
  BUSY_SUM     BIGINT       NOT NULL,
  BUSY_MAX     INT          NOT NULL,
  POOL_SIZE    INT          NOT NULL,
  PRIMARY KEY (EPOCH_MINUTE, NODE)
);
