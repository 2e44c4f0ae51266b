-- A memoized job (cache: true) whose key was unchanged: it did not run, its log and outputs were restored.
alter table job_attempts add column cached boolean default false not null;
