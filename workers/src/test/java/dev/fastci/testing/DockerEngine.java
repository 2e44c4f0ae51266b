package dev.fastci.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.fastci.backend.Labels;
import dev.fastci.backend.docker.DockerClients;
import dev.fastci.backend.docker.HolderNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes integration tests need the real Docker engine: they fail (never skip) when it does not
 * answer, and {@value #IMAGE} is built locally when it is missing. Checked once per test JVM.
 *
 * <p>Use with {@code @ExtendWith(DockerEngine.class)}.
 */
public final class DockerEngine implements BeforeAllCallback {
  public static final String IMAGE = "busybox:latest";
  static final String IMAGE_SCRIPT = "scripts/offline-images.sh";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerEngine.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store lives as long as the test run, so the engine is checked only once.
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("checked", key -> check(), Boolean.class);
  }

  private static boolean check() {
    try (DockerClient docker = DockerClients.streaming()) {
      try {
        docker.pingCmd().exec();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "These tests need a running Docker engine: start dockerd (scripts/start-docker.sh). "
                + "Ping failed: "
                + e,
            e);
      }
      if (!imageExists(docker)) {
        buildOfflineImages();
        if (!imageExists(docker)) {
          throw new IllegalStateException(
              IMAGE + " is still missing after running " + IMAGE_SCRIPT);
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean imageExists(DockerClient docker) {
    try {
      docker.inspectImageCmd(IMAGE).exec();
      return true;
    } catch (NotFoundException missing) {
      return false;
    }
  }

  private static void buildOfflineImages() {
    Path root = repoRoot();
    try {
      Process process =
          new ProcessBuilder("sh", root.resolve(IMAGE_SCRIPT).toString())
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            IMAGE
                + " is missing and "
                + IMAGE_SCRIPT
                + " failed with exit code "
                + exit
                + ":\n"
                + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + IMAGE_SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + IMAGE_SCRIPT, e);
    }
  }

  /** The nearest directory, from the working dir up, that holds {@value #IMAGE_SCRIPT}. */
  public static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(IMAGE_SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        IMAGE + " is missing and no " + IMAGE_SCRIPT + " was found above " + start);
  }

  /**
   * Fails with how to make it when {@code image} is not on the engine: for images that need more
   * than Docker to build, such as the arm64 one ({@code scripts/arm64-image.sh}, run by CI).
   */
  public static void requireImage(String image, String script) {
    try (DockerClient docker = DockerClients.streaming()) {
      docker.inspectImageCmd(image).exec();
    } catch (NotFoundException missing) {
      throw new IllegalStateException(
          image + " is missing: build it with " + script + " (as root; CI runs it)", missing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every FastCI container on the engine, in any state. */
  public static List<Container> fastciContainers() {
    return containers(Map.of(Labels.MANAGED, "true")).stream().filter(c -> !isWarmPool(c)).toList();
  }

  /**
   * The ids of {@link #fastciContainers()}: taken before a test, for {@link #fastciContainersBut}.
   */
  public static Set<String> fastciContainerIds() {
    return fastciContainers().stream().map(Container::getId).collect(Collectors.toSet());
  }

  /**
   * The FastCI containers on the engine but those that were there before the test (left by a
   * process killed earlier on this engine: not the test's doing).
   */
  public static List<Container> fastciContainersBut(Set<String> before) {
    return fastciContainers().stream().filter(c -> !before.contains(c.getId())).toList();
  }

  /**
   * A run network holder a worker keeps started ahead for its next run: the worker's, not a run's,
   * removed when the worker stops (a claimed one is renamed to its run's holder name).
   */
  public static boolean isWarmPool(Container container) {
    return List.of(container.getNames()).stream().anyMatch(n -> n.startsWith("/fastci-pool-"));
  }

  /**
   * The FastCI containers of one run, in any state. Prefer this in assertions: other test classes
   * may run FastCI containers on the same engine at the same time.
   */
  public static List<Container> fastciContainers(String runId) {
    List<Container> found =
        new ArrayList<>(containers(Map.of(Labels.MANAGED, "true", Labels.RUN, runId)));
    String holder = HolderNames.of(runId);
    try (DockerClient docker = DockerClients.streaming()) {
      docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(holder)).exec().stream()
          .filter(c -> List.of(c.getNames()).contains("/" + holder))
          .forEach(found::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** The containers, in any state, that carry all these labels. */
  public static List<Container> containers(Map<String, String> labels) {
    try (DockerClient docker = DockerClients.streaming()) {
      return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
