-- Automatic retries (a job's retry): each try of a job attempt that ended, with how it ended and,
-- when another try followed, when Temporal started it. V5 is another branch's.
create table job_tries (
  run_id varchar(40) not null references runs (id) on delete cascade,
  job varchar(100) not null,
  attempt int not null,
  try_number int not null,
  outcome varchar(16) not null,
  exit_code int,
  error varchar(4000),
  started_at timestamp not null,
  finished_at timestamp not null,
  retry_at timestamp,
  primary key (run_id, job, attempt, try_number)
);
