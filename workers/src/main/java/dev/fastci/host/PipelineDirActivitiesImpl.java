package dev.fastci.host;

import dev.fastci.backend.ContainerRemovals;
import dev.fastci.contract.PipelineDirActivities;
import dev.fastci.contract.PipelineDirRequest;
import dev.fastci.contract.PipelineDirSetUp;
import dev.fastci.contract.RepoAccess;
import dev.fastci.git.GitAuth;
import dev.fastci.secrets.SecretSource;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pipeline dirs on this worker host; see {@link PipelineDirs}. */
public class PipelineDirActivitiesImpl implements PipelineDirActivities {
  /** The failure type of a checkout that cannot succeed however often it is retried. */
  public static final String CHECKOUT_FAILED = "CheckoutFailed";

  private static final Logger log = LoggerFactory.getLogger(PipelineDirActivitiesImpl.class);
  private final PipelineDirs dirs;
  private final RepoCheckout checkouts;
  private final ContainerRemovals removals;
  private final long maxKeptBytes;
  private final SecretSource secrets;

  /**
   * @param removals the job containers still being removed, then the run's teardown on this host
   *     (what a run left, and its network)
   * @param secrets where a repository's clone token is found by its secret's name
   */
  public PipelineDirActivitiesImpl(Path dataDir, ContainerRemovals removals, SecretSource secrets) {
    this(dataDir, removals, secrets, 0);
  }

  /**
   * @param maxKeptBytes the budget of the finished runs' dirs, held each time a run ends; 0 none
   */
  public PipelineDirActivitiesImpl(
      Path dataDir, ContainerRemovals removals, SecretSource secrets, long maxKeptBytes) {
    this.dirs = new PipelineDirs(dataDir);
    this.checkouts = new RepoCheckout(dataDir);
    this.removals = removals;
    this.secrets = secrets;
    this.maxKeptBytes = maxKeptBytes;
  }

  @Override
  public void awaitContainerRemovals(String runId) {
    Heartbeats.during(
        () -> {
          removals.awaitRun(runId);
          return null;
        });
  }

  @Override
  public String preparePipelineDir(PipelineDirRequest request) {
    return setUpPipelineDir(request).path();
  }

  @Override
  public PipelineDirSetUp setUpPipelineDir(PipelineDirRequest request) {
    return Heartbeats.during(() -> prepare(request));
  }

  private PipelineDirSetUp prepare(PipelineDirRequest request) {
    try {
      if (request.reuseExisting() && dirs.reuse(request.runId())) {
        String kept = request.repoUrl() == null ? null : "kept from the earlier attempt";
        return new PipelineDirSetUp(dirs.dir(request.runId()).toString(), kept);
      }
      String[] checkout = new String[1];
      Path dir = dirs.create(request.runId(), (r, d) -> checkout[0] = checkoutInto(r, d), request);
      return new PipelineDirSetUp(dir.toString(), checkout[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the pipeline dir of " + request.runId(), e);
    }
  }

  /** Checks the repository out into the dir; returns how the mirror was brought up to date. */
  private String checkoutInto(PipelineDirRequest request, Path dir) {
    if (request.repoUrl() == null) {
      return null;
    }
    long started = System.nanoTime();
    RepoAccess access = request.access() == null ? RepoAccess.DEFAULT : request.access();
    try {
      RepoCheckout.Done done =
          checkouts.checkout(
              request.repoUrl(), request.commitHash(), dir, auth(access), access.fetchRef());
      log.info(
          "run {}: checked out {} at {} in {} ms (mirror {}) [mirror {} ms, files {} ms]",
          request.runId(),
          request.repoUrl(),
          request.commitHash(),
          (System.nanoTime() - started) / 1_000_000,
          done.mirrorState(),
          done.mirrorMillis(),
          done.filesMillis());
      return "mirror " + done.mirrorState();
    } catch (RepoCheckout.CheckoutException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CHECKOUT_FAILED);
    }
  }

  /** The clone token named by the run, read on this worker; none named: the worker's own. */
  private GitAuth auth(RepoAccess access) {
    if (access.tokenSecret() == null) {
      return GitAuth.NONE;
    }
    String token = secrets.value(access.tokenSecret());
    if (token == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "secret "
              + access.tokenSecret()
              + " (the repository's clone token) is not set on the worker ("
              + SecretSource.variable(access.tokenSecret())
              + ")",
          CHECKOUT_FAILED);
    }
    return new GitAuth(access.username(), token);
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
      PipelineDirRetention.keepWithinBudget(dirs, maxKeptBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not mark the pipeline dir of " + runId, e);
    }
  }
}
