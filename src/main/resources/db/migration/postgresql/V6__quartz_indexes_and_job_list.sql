-- The jobs list's order (group, then name) by index; Quartz's own indexes are in V1 already.
CREATE INDEX IDX_JOBDECK_J_GRP_NAME ON QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP, JOB_NAME);

-- What the jobs list searches, lower-cased once when a job is written rather than on every search. Quartz names the
-- columns it writes, so it does not see this one.
ALTER TABLE QRTZ_JOB_DETAILS ADD COLUMN JOBDECK_SEARCH VARCHAR(1000) GENERATED ALWAYS AS
  (LOWER(JOB_NAME || ' ' || JOB_GROUP || ' ' || COALESCE(DESCRIPTION, '') || ' ' || JOB_CLASS_NAME)) STORED;
