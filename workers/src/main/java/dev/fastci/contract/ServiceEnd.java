package dev.fastci.contract;

/**
 * How a service that was ready ended by itself.
 *
 * @param exitCode its exit code, or null when its container vanished
 * @param reason what the jobs that need it are told: why, and the last lines of its log
 */
public record ServiceEnd(Integer exitCode, String reason) {}
