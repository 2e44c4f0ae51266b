package dev.fastci.backend;

/**
 * How a job's container ended.
 *
 * @param oomKilled the kernel killed a process of it for going over its memory limit (Docker's
 *     {@code State.OOMKilled}); only ever true with a non-zero exit code
 */
public record ContainerExit(int exitCode, boolean oomKilled) {}
