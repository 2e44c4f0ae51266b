package dev.fastci.server.runs;

import dev.fastci.contract.PipelineStatus;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a pipeline's runs add up to (on a branch, when one is given), read from the store: the
 * newest success, for its latest artifacts, and the newest verdict or a run under way, for its
 * badge.
 */
@Repository
public class PipelineVerdicts {
  private final JdbcClient jdbc;

  public PipelineVerdicts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The newest run of the pipeline (on that branch, when not null) that succeeded. */
  public Optional<String> newestSucceeded(String name, String branch) {
    return jdbc.sql(
            "select id from runs where name = ? and status = 'SUCCEEDED'"
                + (branch == null ? "" : " and branch = ?")
                + " order by created_at desc, id desc limit 1")
        .params(branch == null ? new Object[] {name} : new Object[] {name, branch})
        .query(String.class)
        .optional();
  }

  /**
   * The status of the newest run of the pipeline (on that branch, when not null) that ended
   * SUCCEEDED or FAILED, for its badge.
   */
  public Optional<PipelineStatus> newestVerdict(String name, String branch) {
    return jdbc.sql(
            "select status from runs where name = ? and status in ('SUCCEEDED', 'FAILED')"
                + (branch == null ? "" : " and branch = ?")
                + " order by finished_at desc, created_at desc, id desc limit 1")
        .params(branch == null ? new Object[] {name} : new Object[] {name, branch})
        .query((rs, row) -> PipelineStatus.valueOf(rs.getString("status")))
        .optional();
  }

  /** Whether a run of the pipeline (on that branch, when not null) is running or waiting. */
  public boolean anyUnfinished(String name, String branch) {
    return jdbc.sql(
                "select count(*) from runs where name = ?"
                    + " and status in ('QUEUED', 'WAITING', 'PENDING', 'RUNNING')"
                    + (branch == null ? "" : " and branch = ?"))
            .params(branch == null ? new Object[] {name} : new Object[] {name, branch})
            .query(Long.class)
            .single()
        > 0;
  }
}
