-- Cluster-wide control (decision 0031): every save of the operator's choice takes the next VERSION under the row's
-- lock, so that each node follows the latest saved choice and ignores a read older than what it already applied.
ALTER TABLE JOBDECK_SCHEDULER_CONTROL ADD COLUMN VERSION BIGINT DEFAULT 0 NOT NULL;
