-- Run controls: the parameters a run was given (JSON, name -> value) and its concurrency group.
alter table runs add column params_json text;
alter table runs add column concurrency_group varchar(200);
create index runs_by_group on runs (concurrency_group, status);
