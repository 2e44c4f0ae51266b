package dev.fastci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code {{ hash 'glob' }}} in cache keys: the same files give the same key, a change another. */
class KeyRendererTest {
  @TempDir Path files;

  @Test
  void theKeyChangesExactlyWhenAHashedFileChanges() throws IOException {
    Files.writeString(files.resolve("pom.xml"), "<project/>");
    Files.writeString(files.resolve("README"), "one");
    String template = "deps-{{ hash 'pom.xml' }}";

    String before = KeyRenderer.render(template, files);
    Files.writeString(files.resolve("README"), "two");
    String unrelatedChange = KeyRenderer.render(template, files);
    Files.writeString(files.resolve("pom.xml"), "<project><x/></project>");
    String after = KeyRenderer.render(template, files);

    assertThat(before).startsWith("deps-").hasSize("deps-".length() + 16);
    assertThat(unrelatedChange).isEqualTo(before);
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void aGlobHashesFilesInSubdirectories() throws IOException {
    Files.createDirectories(files.resolve("a/b"));
    Files.writeString(files.resolve("a/b/go.sum"), "x");
    String template = "{{ hash \"**/go.sum\" }}";

    String before = KeyRenderer.render(template, files);
    Files.writeString(files.resolve("a/b/go.sum"), "y");

    assertThat(KeyRenderer.render(template, files)).isNotEqualTo(before);
  }
}
