package dev.fastci.server.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.secrets.SecretSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository's registration: defaults per forge, and every problem by its field. */
class RepoRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RepoRules rules =
      new RepoRules(
          SecretSource.fromVariables(
              Map.of("FASTCI_SECRET_GH_TOKEN", "t", "FASTCI_SECRET_GH_HOOK", "h")));

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final String GITHUB =
      "{'forge':'github','name':'octo/hello','clone_url':'https://github.com/octo/hello.git',"
          + "'token_secret':'GH_TOKEN','hook_secret':'GH_HOOK'";

  @Test
  void aGitHubRepositoryGetsItsDefaults() {
    Repo repo = rules.create(json(GITHUB + "}"));

    assertThat(repo.apiUrl()).isEqualTo("https://api.github.com");
    assertThat(repo.defaultBranch()).isEqualTo("main");
    assertThat(repo.approveForks()).isTrue();
    assertThat(repo.trusted()).isFalse();
  }

  @Test
  void giteaAndGitLabApisDefaultToTheCloneUrlsHost() {
    assertThat(
            rules
                .create(
                    json(
                        GITHUB
                                .replace("github", "gitea")
                                .replace("https://gitea.com", "http://git.local:3000")
                            + "}"))
                .apiUrl())
        .isEqualTo("http://git.local:3000/api/v1");
    assertThat(
            rules
                .create(
                    json(
                        "{'forge':'gitlab','name':'group/sub/project',"
                            + "'clone_url':'https://gitlab.example.com/group/sub/project.git',"
                            + "'token_secret':'GH_TOKEN','hook_secret':'GH_HOOK'}"))
                .apiUrl())
        .isEqualTo("https://gitlab.example.com/api/v4");
  }

  @Test
  void aGitRepositoryClonesItsPathAndTakesNoSecrets() {
    Repo repo = rules.create(json("{'forge':'git','name':'/srv/git/p.git','trusted':true}"));

    assertThat(repo.cloneUrl()).isEqualTo("/srv/git/p.git");
    assertThat(repo.apiUrl()).isNull();
    assertThat(repo.trusted()).isTrue();
  }

  @Test
  void everyProblemIsNamedByItsField() {
    assertThatThrownBy(
            () ->
                rules.create(
                    json(
                        "{'forge':'github','name':'no-slash',"
                            + "'clone_url':'https://user:pw@github.com/o/r.git',"
                            + "'token_secret':'MISSING','hook_secret':'lower',"
                            + "'approve_forks':'yes','colour':1}")))
        .isInstanceOf(InvalidRepoException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRepoException) e).errors())
                    .extracting(FieldError::toString)
                    .containsExactlyInAnyOrder(
                        "colour: unknown field",
                        "name: must be owner/repo",
                        "approve_forks: must be true or false",
                        "clone_url: must not hold credentials: name a token_secret instead",
                        "token_secret: secret MISSING is not set on the server"
                            + " (FASTCI_SECRET_MISSING)",
                        "hook_secret: must be a secret name matching [A-Z_][A-Z0-9_]*"));
  }

  @Test
  void aChangeKeepsWhatItDoesNotNameAndTheForgeStays() {
    Repo repo = rules.create(json(GITHUB + "}"));

    Repo changed = rules.patch(repo, json("{'trusted':true,'default_branch':'develop'}"));

    assertThat(changed.trusted()).isTrue();
    assertThat(changed.defaultBranch()).isEqualTo("develop");
    assertThat(changed.cloneUrl()).isEqualTo(repo.cloneUrl());
    assertThatThrownBy(() -> rules.patch(repo, json("{'forge':'gitlab'}")))
        .hasMessageContaining("forge: cannot be changed");
  }
}
