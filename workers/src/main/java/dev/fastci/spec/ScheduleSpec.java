package dev.fastci.spec;

/**
 * One entry of {@code on.schedule}: the pipeline runs on a clock.
 *
 * @param cron five fields (minute, hour, day of month, month, day of week) or a macro such as
 *     {@code @daily}
 * @param branch the branch the scheduled run checks out and reports, or null for the default
 */
public record ScheduleSpec(String cron, String branch) {}
