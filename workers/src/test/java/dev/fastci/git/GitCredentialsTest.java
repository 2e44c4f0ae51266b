package dev.fastci.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.jgit.transport.NetRCCredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {

  @Test
  void usernameAndPasswordFromTheEnvironmentAreUsedForHttps() {
    assertThat(
            GitCredentials.from(Map.of("FASTCI_GIT_USERNAME", "ci", "FASTCI_GIT_PASSWORD", "tok")))
        .isInstanceOf(UsernamePasswordCredentialsProvider.class);
  }

  @Test
  void withoutThemTheNetrcFileIsUsed() {
    assertThat(GitCredentials.from(Map.of())).isInstanceOf(NetRCCredentialsProvider.class);
  }
}
