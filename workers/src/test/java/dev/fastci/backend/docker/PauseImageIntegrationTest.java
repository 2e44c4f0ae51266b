package dev.fastci.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved pause image as the system's {@code tar} reads it (an external process). */
class PauseImageIntegrationTest {

  @Test
  void theSavedImageIsATarThatTarReadsWithItsLayerInside(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("saved.tar");
    Files.write(saved, PauseImage.savedImage());

    assertThat(tar(dir, "-tf", saved.toString()))
        .isEqualTo("manifest.json\nconfig.json\nlayer.tar\n");
    tar(dir, "-xf", saved.toString());
    assertThat(Files.readString(dir.resolve("manifest.json")))
        .contains("\"RepoTags\":[\"fastci/pause:1\"]");
    assertThat(tar(dir, "-tvf", "layer.tar")).startsWith("-rwxr-xr-x").contains(" 129 ");
  }

  private static String tar(Path dir, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "tar";
    System.arraycopy(args, 0, command, 1, args.length);
    Process tar = new ProcessBuilder(command).directory(dir.toFile()).start();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(tar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).as("tar %s: %s", String.join(" ", args), err).isZero();
    return out;
  }
}
