package dev.fastci.workflow;

import dev.fastci.contract.JobStatus;
import dev.fastci.spec.Condition;
import java.util.List;
import java.util.Map;

/**
 * Whether a PENDING job may start, must wait, or is skipped, judged on its parents' ends and its
 * {@code when.status}: {@code success} (every parent succeeded), {@code failure} (every parent
 * ended and one failed) or {@code always} (every parent ended).
 */
final class JobGate {
  /** Why a job was skipped, which decides how it counts for the run's status. */
  enum Cause {
    /** Its condition did not hold: it counts like a success. */
    CONDITION,
    /** A job upstream failed. */
    FAILURE,
    /** A job upstream was cancelled. */
    CANCEL
  }

  /** The gate's answer: run, wait, or skip with a reason and a cause. */
  record Decision(boolean run, String skipReason, Cause cause) {
    static final Decision RUN = new Decision(true, null, null);
    static final Decision WAIT = new Decision(false, null, null);

    boolean skips() {
      return skipReason != null;
    }
  }

  private JobGate() {}

  /**
   * @param conditions false for executions from before conditions: every job then needs its parents
   *     to succeed
   */
  static Decision decide(JobProgress job, Map<String, JobProgress> jobs, boolean conditions) {
    List<JobProgress> parents = job.parents.stream().map(jobs::get).toList();
    Condition.Status status =
        conditions ? Condition.statusOf(job.spec.when()) : Condition.Status.SUCCESS;
    if (status == Condition.Status.SUCCESS) {
      for (JobProgress parent : parents) {
        if (parent.status.isFinal() && parent.status != JobStatus.SUCCEEDED) {
          return new Decision(false, notSucceeded(parent), causeOf(parent));
        }
      }
      return parents.stream().allMatch(p -> p.status == JobStatus.SUCCEEDED)
          ? Decision.RUN
          : Decision.WAIT;
    }
    if (!parents.stream().allMatch(p -> p.status.isFinal())) {
      return Decision.WAIT;
    }
    if (status == Condition.Status.ALWAYS
        || parents.stream().anyMatch(p -> causeOf(p) == Cause.FAILURE)) {
      return Decision.RUN;
    }
    return new Decision(false, "when.status: failure, and no parent failed", Cause.CONDITION);
  }

  /** How a parent that ended counts for its children: a failure, a cancel, or neither. */
  static Cause causeOf(JobProgress job) {
    return switch (job.status) {
      case FAILED, TIMED_OUT, ERROR -> Cause.FAILURE;
      case CANCELLED -> Cause.CANCEL;
      case SKIPPED -> job.skipCause == null ? Cause.FAILURE : job.skipCause;
      default -> null;
    };
  }

  /**
   * The cause of a SKIPPED job carried over from an earlier execution, which did not keep it: a
   * failure when a failure lies upstream, else a cancel.
   */
  static Cause inferredCause(JobProgress job, Map<String, JobProgress> jobs) {
    boolean failure = false;
    for (String name : job.parents) {
      JobProgress parent = jobs.get(name);
      Cause cause =
          parent.status == JobStatus.SKIPPED && parent.skipCause == null
              ? inferredCause(parent, jobs)
              : causeOf(parent);
      failure |= cause == Cause.FAILURE;
    }
    return failure ? Cause.FAILURE : Cause.CANCEL;
  }

  private static String notSucceeded(JobProgress parent) {
    return "parent "
        + parent.spec.name()
        + (parent.status == JobStatus.SKIPPED ? " was skipped" : " ended " + parent.status);
  }
}
