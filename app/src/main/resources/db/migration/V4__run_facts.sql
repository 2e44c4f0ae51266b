-- Pipeline language v2: what a run's conditions were judged against (its event and branch), the jobs
-- its conditions skipped (job -> reason, JSON), and why a skipped job did not run.
alter table runs add column event varchar(20);
alter table runs add column branch varchar(400);
alter table runs add column condition_skips text;
alter table job_attempts add column skip_reason varchar(1000);
