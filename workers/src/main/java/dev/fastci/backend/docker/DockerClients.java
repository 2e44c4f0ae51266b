package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * Builds Docker clients for the engine from DOCKER_HOST (or the local socket). No API version is
 * pinned, so the engine's own is used (Docker 20.10 and newer). A backend has two: one for the
 * streams, which last as long as their job, and one whose calls give up when the engine does not
 * answer, so that a hung engine cannot hang a kill or a removal forever.
 */
public final class DockerClients {
  /** How long a call that is not a stream waits for the engine's answer. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private DockerClients() {}

  /** For log follows, waits and pulls: no response timeout, since they last as long as the job. */
  public static DockerClient streaming() {
    return build(200, null);
  }

  /** For every other call (create, inspect, start, kill, remove, list, rename, info, load). */
  public static DockerClient calls(Duration responseTimeout) {
    return build(50, responseTimeout);
  }

  private static DockerClient build(int maxConnections, Duration responseTimeout) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient.Builder http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(maxConnections)
            .connectionTimeout(Duration.ofSeconds(10));
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return DockerClientImpl.getInstance(config, http.build());
  }
}
