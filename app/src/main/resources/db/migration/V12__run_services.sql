-- Pipeline language v2: the services of each attempt of a run as they ended (while the run goes
-- on, its workflow's live state has them).
create table run_services (
  run_id varchar(40) not null references runs (id) on delete cascade,
  attempt int not null,
  name varchar(100) not null,
  image varchar(1000) not null,
  status varchar(16) not null,
  started_at timestamp,
  ready_at timestamp,
  finished_at timestamp,
  error varchar(4000),
  primary key (run_id, attempt, name)
);
