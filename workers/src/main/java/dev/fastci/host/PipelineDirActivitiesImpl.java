package dev.fastci.host;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Pipeline dirs on this worker host; see {@link PipelineDirs}. */
public class PipelineDirActivitiesImpl implements PipelineDirActivities {
  /** The failure type of a checkout that cannot succeed however often it is retried. */
  public static final String CHECKOUT_FAILED = "CheckoutFailed";

  private final PipelineDirs dirs;

  public PipelineDirActivitiesImpl(Path dataDir) {
    this.dirs = new PipelineDirs(dataDir);
  }

  @Override
  public String preparePipelineDir(PipelineDirRequest request) {
    try {
      if (request.reuseExisting() && dirs.reuse(request.runId())) {
        return dirs.dir(request.runId()).toString();
      }
      return dirs.create(request.runId(), dir -> checkoutInto(request, dir)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the pipeline dir of " + request.runId(), e);
    }
  }

  private static void checkoutInto(PipelineDirRequest request, Path dir) {
    if (request.repoUrl() == null) {
      return;
    }
    try {
      RepoCheckout.checkout(request.repoUrl(), request.commitHash(), dir);
    } catch (RepoCheckout.CheckoutException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CHECKOUT_FAILED);
    }
  }

  @Override
  public void removePipelineDir(String runId) {
    try {
      dirs.remove(runId);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the pipeline dir of " + runId, e);
    }
  }

  @Override
  public void keepPipelineDirForRetries(String runId) {
    try {
      dirs.markFinished(runId);
    } catch (IOException e) {
      throw new UncheckedIOException("could not mark the pipeline dir of " + runId, e);
    }
  }
}
