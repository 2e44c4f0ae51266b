package dev.fastci.server.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fastci.server.FastciProperties;
import org.junit.jupiter.api.Test;

/** {@code fastci.public-url}: checked at start, required once a forge repository exists. */
class PublicUrlTest {
  private final RepoStore store = mock(RepoStore.class);

  private PublicUrl url(String value) {
    FastciProperties properties = mock(FastciProperties.class);
    when(properties.publicUrl()).thenReturn(value);
    return new PublicUrl(properties, store);
  }

  @Test
  void aServerWithAForgeRepositoryAndNoUrlDoesNotStart() {
    when(store.anyForge()).thenReturn(true);

    assertThatThrownBy(() -> url(" ").afterSingletonsInstantiated())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fastci.public-url");
  }

  @Test
  void withoutForgeRepositoriesNoUrlIsNeeded() {
    when(store.anyForge()).thenReturn(false);

    url(null).afterSingletonsInstantiated();
  }

  @Test
  void aUrlMustBeAbsoluteHttpAndLosesItsTrailingSlash() {
    assertThatThrownBy(() -> url("ci.example.com")).hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> url("ftp://ci.example.com"))
        .hasMessageContaining("absolute http(s) URL");
    assertThat(url("https://ci.example.com/").of("/runs/r1"))
        .isEqualTo("https://ci.example.com/runs/r1");
    assertThat(url("http://ci:8080/fastci/").webhook(ForgeKind.GITLAB))
        .isEqualTo("http://ci:8080/fastci/api/hooks/gitlab");
  }
}
