package dev.fastci.server.runs;

import java.util.List;

/**
 * A feature whose workflows and activities run in the server process, on {@code fastci-server}
 * beside the run recorder (schedules, notifications); {@link RecorderWorker} registers each.
 */
public interface ServerQueueService {

  /** Workflow implementation types: the server alone runs them. */
  List<Class<?>> workflowTypes();

  /** Activity implementations. */
  List<Object> activities();
}
