-- What happened to a run besides its jobs' states, e.g. a lost worker host and where it went on.
create table run_events (
  run_id varchar(40) not null references runs (id) on delete cascade,
  attempt int not null,
  at timestamp not null,
  message varchar(4000) not null
);
create index run_events_by_run on run_events (run_id, at);
