-- Every fire rewrites its trigger row twice (acquired, then fired) and inserts and deletes a fired-trigger row, so each
-- index on those two tables is maintained several times per fire. On H2 these were measured at about 40 us of the
-- scheduler thread's CPU per fire (the throughput benchmark's variants, decision 24), and no query needs them: each
-- query Quartz and Jobdeck run (acquisition, the misfire scans, lookups and updates by key, by group and state, by
-- state, the store probe's count, fired triggers by instance and by job) chose the same index or a better one without
-- them (EXPLAIN on H2 2.4 at 20,000 triggers). PostgreSQL keeps Quartz's full set: the cluster reads them.
DROP INDEX IDX_QRTZ_T_STATE;               -- a prefix of IDX_QRTZ_T_NFT_ST
DROP INDEX IDX_QRTZ_T_N_STATE;             -- the primary key, plus the state
DROP INDEX IDX_QRTZ_T_N_G_STATE;           -- IDX_QRTZ_T_G, plus the state
DROP INDEX IDX_QRTZ_T_NFT_MISFIRE;         -- Quartz asks NOT (MISFIRE_INSTR = -1): H2 cannot seek on these three
DROP INDEX IDX_QRTZ_T_NFT_ST_MISFIRE;
DROP INDEX IDX_QRTZ_T_NFT_ST_MISFIRE_GRP;
DROP INDEX IDX_QRTZ_FT_TRIG_INST_NAME;     -- QRTZ_FIRED_TRIGGERS holds only the fires in progress
DROP INDEX IDX_QRTZ_FT_INST_JOB_REQ_RCVRY;
DROP INDEX IDX_QRTZ_FT_JG;
DROP INDEX IDX_QRTZ_FT_T_G;
DROP INDEX IDX_QRTZ_FT_TG;
