package dev.fastci.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathPolicyTest {
  @TempDir Path temp;
  private Path root; // the allowed root, as its real path
  private Path socket; // a stand-in for the Docker socket, under the allowed root
  private HostPathPolicy policy;

  @BeforeEach
  void allowedRootWithASocketInside() throws IOException {
    root = Files.createDirectories(temp.resolve("allowed")).toRealPath();
    Files.createDirectories(root.resolve("run"));
    socket = Files.createFile(root.resolve("run").resolve("docker.sock"));
    policy = HostPathPolicy.underRoots(List.of(root.toString()), sockets(socket));
  }

  private static List<Path> sockets(Path extra) {
    List<Path> sockets = new ArrayList<>(DockerSockets.DEFAULTS);
    sockets.add(extra);
    return sockets;
  }

  /** A pipeline whose only job mounts these volumes. */
  private static PipelineSpec withVolumes(String... volumes) {
    StringBuilder list = new StringBuilder();
    for (String volume : volumes) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(volume).append('"');
    }
    return PipelineSpecParser.parse(
        "{\"name\":\"p\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\","
            + "\"volumes\":["
            + list
            + "]}]}",
        SpecFormat.JSON);
  }

  private static PipelineSpec withWorkdir(String dir) {
    return PipelineSpecParser.parse(
        "{\"name\":\"p\",\"bind_workdir_from_host\":\""
            + dir
            + "\",\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\"}]}",
        SpecFormat.JSON);
  }

  private static List<String> errors(HostPathPolicy policy, PipelineSpec spec) {
    return policy.check(spec).stream().map(SpecError::toString).toList();
  }

  @Test
  void pathsUnderAnAllowedRootAreAllowed() throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));

    assertThat(policy.check(withVolumes(data + ":/data:ro", data + "/sub:/sub"))).isEmpty();
    assertThat(policy.check(withWorkdir(data.toString()))).isEmpty();
  }

  @Test
  void pathOutsideEveryRootIsRefusedAtItsPath() throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));

    assertThat(errors(policy, withVolumes(data + ":/data", "/etc:/host-etc")))
        .containsExactly(
            "jobs[0].volumes[1]: /etc is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
    assertThat(errors(policy, withWorkdir("/etc")))
        .containsExactly(
            "bind_workdir_from_host: /etc is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
  }

  @Test
  void aSiblingWithTheRootAsNamePrefixIsNotUnderIt() throws IOException {
    Path sibling = Files.createDirectories(temp.resolve("allowed-not"));

    assertThat(errors(policy, withVolumes(sibling + ":/x")))
        .singleElement()
        .asString()
        .contains("is not under an allowed root");
  }

  @Test
  void dotDotCannotEscapeTheRoot() {
    String escape = root + "/../../../../../../../etc";

    assertThat(errors(policy, withVolumes(escape + ":/x")))
        .containsExactly(
            "jobs[0].volumes[0]: "
                + escape
                + " (resolves to /etc) is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
    assertThat(errors(policy, withWorkdir(root + "/missing/../../outside")))
        .singleElement()
        .asString()
        .startsWith("bind_workdir_from_host: ")
        .contains("is not under an allowed root");
  }

  @Test
  void aSymlinkCannotEscapeTheRoot() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("etc-link"), Path.of("/etc"));

    assertThat(errors(policy, withVolumes(link + ":/x")))
        .containsExactly(
            "jobs[0].volumes[0]: "
                + link
                + " (resolves to /etc) is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
    // a path below the link that does not exist yet leads out just as well
    assertThat(errors(policy, withVolumes(link + "/not-yet/there:/x")))
        .singleElement()
        .asString()
        .contains("resolves to /etc/not-yet/there")
        .contains("is not under an allowed root");
    assertThat(errors(policy, withWorkdir(link.toString()))).hasSize(1);
  }

  @Test
  void aDanglingSymlinkIsFollowedToWhereItWouldCreateThePath() throws IOException {
    Path outside = temp.resolve("outside-not-yet");
    Path link = Files.createSymbolicLink(root.resolve("dangling"), outside);

    assertThat(errors(policy, withVolumes(link + "/sub:/x")))
        .singleElement()
        .asString()
        .contains("resolves to " + temp.toRealPath().resolve("outside-not-yet/sub"))
        .contains("is not under an allowed root");
  }

  @Test
  void aSymlinkInsideTheRootIsFine() throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    Path link = Files.createSymbolicLink(root.resolve("data-link"), data);

    assertThat(policy.check(withVolumes(link + ":/x"))).isEmpty();
  }

  @Test
  void aPathThatDoesNotExistYetUnderTheRootIsAllowed() {
    assertThat(policy.check(withVolumes(root + "/not/yet/created:/x"))).isEmpty();
    assertThat(policy.check(withWorkdir(root + "/new-workdir"))).isEmpty();
  }

  @Test
  void theDockerSocketIsRefusedEvenUnderAnAllowedRoot() throws IOException {
    assertThat(errors(policy, withVolumes(socket + ":/var/run/docker.sock")))
        .containsExactly(
            "jobs[0].volumes[0]: " + socket + " is the Docker socket, which may not be mounted");
    // its folder, or the root that holds it, would expose it too
    assertThat(errors(policy, withVolumes(socket.getParent() + ":/run")))
        .singleElement()
        .asString()
        .contains("contains the Docker socket " + socket);
    assertThat(errors(policy, withWorkdir(root.toString())))
        .singleElement()
        .asString()
        .contains("contains the Docker socket");
    // and so does a link to it
    Path link = Files.createSymbolicLink(root.resolve("sock-link"), socket);
    assertThat(errors(policy, withVolumes(link + ":/s")))
        .singleElement()
        .asString()
        .contains("(resolves to " + socket + ") is the Docker socket");
  }

  @Test
  void theDefaultSocketsAreRefusedEvenWhenTheirFolderIsAllowed() {
    HostPathPolicy runAllowed =
        HostPathPolicy.underRoots(List.of("/run", "/var/run"), DockerSockets.DEFAULTS);

    assertThat(errors(runAllowed, withVolumes("/var/run/docker.sock:/var/run/docker.sock")))
        .singleElement()
        .asString()
        .contains("is the Docker socket");
    assertThat(errors(runAllowed, withVolumes("/run/docker.sock:/d.sock")))
        .singleElement()
        .asString()
        .contains("is the Docker socket");
    assertThat(errors(runAllowed, withVolumes("/var/run:/r", "/run:/r2"))).hasSize(2);
  }

  @Test
  void theHostsRootIsRefusedEvenWhenAllowed() {
    HostPathPolicy everything = HostPathPolicy.underRoots(List.of("/"), DockerSockets.DEFAULTS);

    assertThat(errors(everything, withVolumes("/:/host")))
        .containsExactly(
            "jobs[0].volumes[0]: / is the host's root directory, which may not be mounted");
    assertThat(errors(everything, withWorkdir("/etc/..")))
        .containsExactly(
            "bind_workdir_from_host: /etc/.. (resolves to /) is the host's root directory,"
                + " which may not be mounted");
    assertThat(everything.check(withVolumes("/etc:/host-etc:ro"))).isEmpty();
  }

  @Test
  void namedVolumesAreNotHostPaths() {
    HostPathPolicy none = HostPathPolicy.underRoots(List.of(), DockerSockets.DEFAULTS);

    assertThat(none.check(withVolumes("cache:/cache", "build-output:/out:ro"))).isEmpty();
    assertThat(policy.check(withVolumes("cache:/cache"))).isEmpty();
    assertThat(HostPathPolicy.noHostPaths("no").check(withVolumes("cache:/cache"))).isEmpty();
  }

  @Test
  void noAllowedRootsMeansNoHostPath() throws IOException {
    HostPathPolicy none = HostPathPolicy.underRoots(List.of(" ", ""), DockerSockets.DEFAULTS);

    assertThat(errors(none, withVolumes(root + ":/x")))
        .containsExactly(
            "jobs[0].volumes[0]: "
                + root
                + " is not under an allowed root"
                + " (fastci.volumes.allowed-roots)");
  }

  @Test
  void noHostPathsRefusesEveryHostPathWithTheReason() {
    HostPathPolicy none = HostPathPolicy.noHostPaths("host paths are not allowed here");

    assertThat(errors(none, withVolumes("cache:/c", root + ":/x")))
        .containsExactly("jobs[0].volumes[1]: " + root + ": host paths are not allowed here");
    assertThat(errors(none, withWorkdir(root.toString())))
        .containsExactly("bind_workdir_from_host: " + root + ": host paths are not allowed here");
  }

  @Test
  void anyHostPathStillRefusesTheSocketAndTheRoot() {
    HostPathPolicy any = HostPathPolicy.anyHostPath(sockets(socket));

    assertThat(any.check(withVolumes("/etc:/e:ro", root + "/data:/d"))).isEmpty();
    assertThat(errors(any, withVolumes("/:/host", socket + ":/s", "/var/run/docker.sock:/d")))
        .hasSize(3)
        .allSatisfy(error -> assertThat(error).contains("may not be mounted"));
  }

  @Test
  void rootsResolveThroughLinksToo() throws IOException {
    Path linkedRoot = Files.createSymbolicLink(temp.resolve("root-link"), root);
    HostPathPolicy viaLink =
        HostPathPolicy.underRoots(List.of(linkedRoot.toString()), List.of(socket));

    assertThat(viaLink.check(withVolumes(root + "/data:/d", linkedRoot + "/data:/d2"))).isEmpty();
  }

  @Test
  void relativeRootIsAConfigurationError() {
    assertThatThrownBy(() -> HostPathPolicy.underRoots(List.of("relative/dir"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fastci.volumes.allowed-roots")
        .hasMessageContaining("relative/dir");
  }

  @Test
  void enforceThrowsEveryProblem() {
    assertThatThrownBy(() -> policy.enforce(withVolumes("/etc:/a", "/usr:/b")))
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).errors())
                    .extracting(SpecError::path)
                    .containsExactly("jobs[0].volumes[0]", "jobs[0].volumes[1]"));
  }

  @Test
  void linkLoopsAreRefused() throws IOException {
    Path a = root.resolve("loop-a");
    Path b = root.resolve("loop-b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);

    assertThat(errors(policy, withVolumes(a + "/x:/x")))
        .singleElement()
        .asString()
        .contains("cannot be resolved");
  }
}
