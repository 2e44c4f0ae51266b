package dev.fastci.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastci.backend.JobStartException;
import dev.fastci.contract.JobRequest;
import dev.fastci.spec.HostPathPolicy;
import dev.fastci.spec.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker judges a job's host paths again as it makes the container: a link inside an allowed
 * root that was swapped to lead outside after the run was submitted is not mounted.
 */
class HostMountsTest {
  @TempDir Path temp;

  @Test
  void aLinkSwappedToLeadOutsideTheRootsIsRefusedNamingThePath() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path inside = Files.createDirectories(root.resolve("data"));
    Path link = Files.createSymbolicLink(root.resolve("link"), inside);
    Path outside = Files.createDirectories(temp.resolve("outside"));
    JobLimits limits =
        JobLimits.DEFAULT.withMounts(
            HostPathPolicy.underRoots(List.of(root.toString()), List.of()));
    JobRequest request = request(link + ":/data", null);

    assertThat(JobContainers.specFor(request, "h", null, limits, Map.of()).binds())
        .contains(link + ":/data");

    Files.delete(link);
    Files.createSymbolicLink(link, outside); // as an earlier job that can write into root could
    assertThatThrownBy(() -> JobContainers.specFor(request, "h", null, limits, Map.of()))
        .isInstanceOf(JobStartException.class)
        .hasMessageContaining(
            "refused to mount volumes[0]: "
                + link
                + " (resolves to "
                + outside.toRealPath()
                + ") is not under an allowed root");
  }

  @Test
  void bindWorkdirFromHostIsJudgedAgainToo() {
    JobLimits limits =
        JobLimits.DEFAULT.withMounts(
            HostPathPolicy.underRoots(List.of(temp.resolve("root").toString()), List.of()));

    assertThatThrownBy(
            () -> JobContainers.specFor(request(null, "/etc"), "h", null, limits, Map.of()))
        .hasMessageContaining("refused to mount bind_workdir_from_host: /etc is not under");
  }

  @Test
  void theDefaultStillRefusesTheDockerSocket() {
    assertThatThrownBy(() -> JobContainers.specFor(request("/var/run/docker.sock:/s", null), "h"))
        .isInstanceOf(JobStartException.class)
        .hasMessageContaining("Docker socket");
  }

  private static JobRequest request(String volume, String workdir) {
    JobSpec job =
        new JobSpec(
            "a",
            "busybox",
            List.of("true"),
            volume == null ? List.of() : List.of(volume),
            null,
            Map.of());
    return new JobRequest("r1", 1, job, null, workdir, false);
  }
}
