package dev.fastci.host;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pipeline dirs live under {@code <data-dir>/pipelines/<run id>} on the worker host. */
public class PipelineDirActivitiesImpl implements PipelineDirActivities {
  /** The failure type of a checkout that cannot succeed however often it is retried. */
  public static final String CHECKOUT_FAILED = "CheckoutFailed";

  private final Path root;

  public PipelineDirActivitiesImpl(Path dataDir) {
    this.root = dataDir.resolve("pipelines").toAbsolutePath();
  }

  @Override
  public String preparePipelineDir(PipelineDirRequest request) {
    Path dir = root.resolve(request.runId());
    try {
      Directories.deleteRecursively(dir); // a retried attempt starts from an empty dir
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the pipeline dir " + dir, e);
    }
    if (request.repoUrl() != null) {
      try {
        RepoCheckout.checkout(request.repoUrl(), request.commitHash(), dir);
      } catch (RepoCheckout.CheckoutException e) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CHECKOUT_FAILED);
      }
    }
    return dir.toString();
  }

  @Override
  public void removePipelineDir(String runId) {
    try {
      Directories.deleteRecursively(root.resolve(runId));
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the pipeline dir of " + runId, e);
    }
  }
}
