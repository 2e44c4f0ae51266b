package dev.fastci.contract;

/**
 * A run's pipeline dir, set up on its host.
 *
 * @param path the dir's absolute path on the host
 * @param checkout how the checkout went, in the words the user reads ("mirror cloned", "mirror up
 *     to date", "kept from the earlier attempt"); null when the run checks nothing out
 */
public record PipelineDirSetUp(String path, String checkout) {}
