package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathsTest {
  @TempDir Path temp;

  @Test
  void realPathOfAMissingPathAppendsTheRestToTheNearestExistingAncestor() throws IOException {
    Path root = Files.createDirectories(temp.resolve("allowed")).toRealPath();
    Path link = Files.createSymbolicLink(temp.resolve("to-root"), root);

    assertThat(HostPaths.realPath(link.resolve("a/b/../c"))).isEqualTo(root.resolve("a/c"));
    assertThat(HostPaths.realPath(link)).isEqualTo(root);
  }

  @Test
  void onlyAnAbsoluteHostSideIsAHostPath() {
    assertThat(HostPaths.isHostPath("/srv/data:/data:ro")).isTrue();
    assertThat(HostPaths.isHostPath("cache:/cache")).isFalse();
  }
}
