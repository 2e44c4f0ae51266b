create table runs (
  id varchar(40) primary key,
  name varchar(200) not null,
  status varchar(16) not null,
  attempt int not null,
  spec_json text not null,
  trigger_json varchar(4000) not null,
  carried_json text not null,
  error varchar(4000),
  host varchar(200),
  created_at timestamp not null,
  started_at timestamp,
  finished_at timestamp
);
create index runs_by_created on runs (created_at desc, id desc);
create index runs_by_status on runs (status, created_at desc, id desc);
create index runs_by_name on runs (name, created_at desc, id desc);

create table job_attempts (
  run_id varchar(40) not null references runs (id) on delete cascade,
  job varchar(100) not null,
  attempt int not null,
  status varchar(16) not null,
  exit_code int,
  error varchar(4000),
  host varchar(200),
  started_at timestamp,
  finished_at timestamp,
  primary key (run_id, job, attempt)
);
