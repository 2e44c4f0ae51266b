package dev.fastci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a memoization key depends on, and what it does not. */
class MemoKeyTest {
  @TempDir Path workdir;

  private static MemoKey key(String imageId, Map<String, String> env, List<String> parentKeys) {
    return new MemoKey(
        imageId,
        List.of("make", "all"),
        env,
        List.of("TOKEN"),
        List.of(),
        null,
        "/fastci/pipeline",
        List.of("dist"),
        "git-tree:abc",
        parentKeys);
  }

  @Test
  void equalInputsGiveEqualKeysWhateverTheEnvOrder() {
    String one = key("sha256:1", Map.of("A", "1", "B", "2"), List.of("p")).hash();
    String two = key("sha256:1", Map.of("B", "2", "A", "1"), List.of("p")).hash();

    assertThat(one).isEqualTo(two).hasSize(64);
  }

  @Test
  void anotherImageBuildEnvValueOrParentKeyGivesAnotherKey() {
    String base = key("sha256:1", Map.of("A", "1"), List.of("p")).hash();

    assertThat(key("sha256:2", Map.of("A", "1"), List.of("p")).hash()).isNotEqualTo(base);
    assertThat(key("sha256:1", Map.of("A", "2"), List.of("p")).hash()).isNotEqualTo(base);
    assertThat(key("sha256:1", Map.of("A", "1"), List.of("q")).hash()).isNotEqualTo(base);
  }

  @Test
  void theWorkdirInputTreeFollowsItsFiles() throws Exception {
    Files.writeString(workdir.resolve("in.txt"), "a");
    String before = MemoKey.inputTree(null, workdir);
    Files.writeString(workdir.resolve("in.txt"), "b");

    assertThat(MemoKey.inputTree(null, workdir)).startsWith("files:").isNotEqualTo(before);
    assertThat(MemoKey.inputTree(null, null)).isEmpty();
  }
}
