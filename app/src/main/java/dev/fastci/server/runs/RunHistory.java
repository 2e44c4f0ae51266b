package dev.fastci.server.runs;

import dev.fastci.client.HistoryExecution;
import dev.fastci.client.HistoryLine;
import dev.fastci.client.RunHistories;
import dev.fastci.server.FastciProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A run's Temporal executions (first start, retries, resumes, generations of the embedded engine)
 * and one execution's event history, a page at a time: the History tab and its API.
 */
@Component
public class RunHistory {
  /** The most events one page holds. */
  public static final int MAX_LIMIT = 1000;

  private final RunStore store;
  private final RunHistories histories;
  private final String webUrl;

  public RunHistory(RunStore store, RunHistories histories, FastciProperties properties) {
    this.store = store;
    this.histories = histories;
    this.webUrl = properties.temporal().webUrl();
  }

  /**
   * @param webUrl this execution in Temporal Web, when {@code fastci.temporal.web-url} is set and
   *     the execution is not archived (its engine is gone)
   */
  public record Execution(
      String id,
      Instant startedAt,
      Instant closedAt,
      String status,
      int events,
      String note,
      boolean archived,
      String webUrl) {}

  /**
   * @param execution the execution whose events these are
   * @param total how many events it has
   */
  public record Page(
      String runId,
      List<Execution> executions,
      String execution,
      int total,
      int offset,
      int limit,
      List<HistoryLine> events) {}

  /**
   * One page of events of an execution of the run (its latest when none is named).
   *
   * @throws RunNotFoundException for an unknown run or execution
   * @throws IllegalArgumentException for an offset below 0 or a limit outside 1..{@value
   *     #MAX_LIMIT}
   */
  public Page page(String runId, String execution, int offset, int limit) {
    store.find(runId).orElseThrow(() -> new RunNotFoundException("no run " + runId));
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "offset must be 0 or more and limit 1 to "
              + MAX_LIMIT
              + ", got "
              + offset
              + ", "
              + limit);
    }
    RunHistories.Page page;
    try {
      page = histories.page(runId, execution, offset, limit);
    } catch (IllegalArgumentException unknownExecution) {
      throw new RunNotFoundException(unknownExecution.getMessage());
    }
    return new Page(
        runId,
        page.executions().stream().map(e -> view(runId, e)).toList(),
        page.executionId(),
        page.total(),
        page.offset(),
        limit,
        page.events());
  }

  private Execution view(String runId, HistoryExecution e) {
    return new Execution(
        e.executionId(),
        e.startedAt(),
        e.closedAt(),
        e.status(),
        e.events(),
        e.note(),
        e.archived(),
        e.archived() ? null : TemporalWeb.link(webUrl, runId, e.executionId()));
  }
}
