package dev.fastci.workflow;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Asks the host whether it lives while jobs whose tries Temporal runs are running. Between two
 * tries such a job's activity waits in the host's queue, and a host lost meanwhile must still move
 * the run. A Temporal cluster fails each attempt that no worker takes within the host wait
 * (schedule-to-start), but the embedded Temporal (Java's test server) sets that timeout on the
 * first attempt only, so a retried attempt would wait for a lost host forever. So after each quiet
 * spell (no job ended) the workflow asks the host; the spell starts at the host wait and doubles,
 * up to 16 times that, while the host keeps answering, which keeps a long job's history short. A
 * host that does not answer is lost: these jobs are abandoned (their activities cancelled, which
 * ends one that waits in a queue at once) and run again like jobs that a lost host did not take.
 */
final class RetriedJobsWatch {
  private static final int LONGEST_SPELL = 16;

  private final Duration hostWait;
  private final Set<String> running = new LinkedHashSet<>();
  private final Set<String> abandoned = new HashSet<>();
  private int spell = 1;

  /**
   * @param hostWait the host wait, or null when the run does not move off a lost host
   */
  RetriedJobsWatch(Duration hostWait) {
    this.hostWait = hostWait;
  }

  /** A job's activity started, with Temporal's retries when it has more than one try. */
  void started(String job, int maxTries) {
    if (maxTries > 1 && hostWait != null) {
      running.add(job);
    }
  }

  /** A job's activity ended; returns whether it had been abandoned. */
  boolean ended(String job) {
    running.remove(job);
    return abandoned.remove(job);
  }

  /**
   * Waits until the condition holds (true), or, while watched jobs run, for a quiet spell (false):
   * then the host is to be asked.
   */
  boolean await(Supplier<Boolean> condition) {
    if (running.isEmpty()) {
      Workflow.await(condition);
      spell = 1;
      return true;
    }
    boolean met = Workflow.await(hostWait.multipliedBy(spell), condition);
    spell = met ? 1 : Math.min(spell * 2, LONGEST_SPELL);
    return met;
  }

  /** The watched jobs, abandoned now that their host is lost: their activities are to cancel. */
  List<String> abandonAll() {
    List<String> jobs = new ArrayList<>(running);
    abandoned.addAll(running);
    running.clear();
    return jobs;
  }
}
