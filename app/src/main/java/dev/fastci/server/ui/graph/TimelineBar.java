package dev.fastci.server.ui.graph;

/**
 * A job's bar on the run's time axis.
 *
 * @param status the lowercase job status, for CSS classes
 * @param leftPercent where the bar starts, 0 to 100
 * @param widthPercent how long the bar is, 0 for a job that never started
 * @param critical whether the job is on the critical path
 * @param duration such as {@code "0.42s"}, {@code "12.3s"} or {@code "4m05s"}; empty when the job
 *     never started
 * @param detail what the bar's tooltip adds: the setup bar's steps; empty for a job
 */
public record TimelineBar(
    String name,
    String status,
    double leftPercent,
    double widthPercent,
    boolean critical,
    String duration,
    String detail) {

  /** The bar of a job. */
  public TimelineBar(
      String name,
      String status,
      double leftPercent,
      double widthPercent,
      boolean critical,
      String duration) {
    this(name, status, leftPercent, widthPercent, critical, duration, "");
  }
}
