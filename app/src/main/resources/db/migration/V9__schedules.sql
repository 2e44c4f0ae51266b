-- Schedules: a pipeline that runs on a clock, from POST /api/schedules (source 'api') or from the
-- on.schedule of a repository's pipeline file (source 'repo': kept by the pushes of its branch).
-- fires_after: the schedule fires at the cron times after it (its last fire, its creation, change
-- or resumption); the embedded Temporal re-creates each schedule's workflow from it after a restart.
create table schedules (
  id varchar(40) primary key,
  pipeline varchar(200) not null,
  spec_json text not null,
  cron varchar(200) not null,
  timezone varchar(100) not null,
  branch varchar(400),
  source varchar(10) not null,
  repo varchar(1000),
  file varchar(1000),
  entry int,
  paused boolean default false not null,
  fires_after timestamp not null,
  created_at timestamp not null,
  updated_at timestamp not null
);
create index schedules_by_repo on schedules (repo, branch);

-- Each fire of a schedule, at most once per due time: the run it started, or why none started.
create table schedule_fires (
  schedule_id varchar(40) not null references schedules (id) on delete cascade,
  due_at timestamp not null,
  run_id varchar(40),
  error varchar(4000),
  fired_at timestamp not null,
  primary key (schedule_id, due_at)
);
