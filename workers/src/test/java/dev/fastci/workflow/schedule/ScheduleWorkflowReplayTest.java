package dev.fastci.workflow.schedule;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of the schedule workflow against today's code: a change that would
 * break the schedules' workflows already running (non-determinism) fails here. They are recorded by
 * {@code RecordWorkflowHistories} ({@link ScheduleHistories}).
 */
class ScheduleWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {ScheduleHistories.FILE})
  void recordedHistoryReplaysWithoutNonDeterminism(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history, ScheduleWorkflowImpl.class);
  }
}
