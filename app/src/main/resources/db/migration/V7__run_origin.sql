-- How a run's repository is fetched (a pull request's ref, the clone token's secret name), and
-- whether it is untrusted (a pull request from a fork): retries and resumes keep both.
alter table runs add column repo_access_json varchar(2000);
alter table runs add column untrusted boolean default false not null;
