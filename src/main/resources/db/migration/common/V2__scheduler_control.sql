-- The operator's last lifecycle choice, so that a scheduler stopped from the UI stays stopped after a restart.
-- One row per Quartz scheduler name (a cluster shares the choice).
CREATE TABLE JOBDECK_SCHEDULER_CONTROL (
  SCHED_NAME    VARCHAR(120) NOT NULL PRIMARY KEY,
  DESIRED_STATE VARCHAR(16)  NOT NULL,
  CHANGED_AT    TIMESTAMP WITH TIME ZONE NOT NULL,
  CHANGED_BY    VARCHAR(200) NOT NULL
);
