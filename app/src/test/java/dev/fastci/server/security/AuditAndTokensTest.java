package dev.fastci.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.server.audit.Actor;
import dev.fastci.server.users.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The audit entries of each action, personal tokens from making to revoking, login throttling. */
class AuditAndTokensTest extends ServerWithUsers {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runActionsAreAuditedWithWhoWhichTokenFromWhereAndHowTheyEnded() throws Exception {
    String id = submitAs(Role.OPERATOR);
    call(Role.OPERATOR, post("/api/pipelines/" + id + "/jobs/a/cancel"));
    call(Role.OPERATOR, post("/api/pipelines/" + id + "/cancel"));
    call(Role.OPERATOR, post("/api/pipelines/" + id + "/retry"));
    call(Role.OPERATOR, post("/api/pipelines/" + id + "/jobs/a/retry"));
    call(Role.VIEWER, post("/api/pipelines/" + id + "/cancel"));

    JsonNode items = audit("?run=" + id).get("items");
    assertThat(items.findValuesAsText("action"))
        .containsExactly("job.retry", "run.retry", "run.cancel", "job.cancel", "run.start")
        .as("newest first; the viewer's refused cancel has no run id");
    JsonNode start = items.get(4);
    assertThat(start.get("user").asText()).isEqualTo("otto");
    assertThat(start.get("token").asText()).isEqualTo("t");
    assertThat(start.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(start.get("outcome").asText()).isEqualTo("ok");
    assertThat(start.get("target").asText()).isEqualTo("run " + id);
    assertThat(items.get(2).get("outcome").asText()).isEqualTo("ok");
    assertThat(items.get(0).get("outcome").asText()).isEqualTo("failed");
    assertThat(items.get(0).get("detail").asText()).contains("is still");
    JsonNode denied = audit("?user=vera&action=access.denied").get("items").get(0);
    assertThat(denied.get("target").asText()).isEqualTo("POST /api/pipelines/" + id + "/cancel");
    assertThat(denied.get("outcome").asText()).isEqualTo("denied");
    assertThat(denied.get("detail").asText()).isEqualTo("needs the operator role");
  }

  @Test
  void userTokenAndCacheChangesAreAudited() throws Exception {
    call(
            Role.ADMIN,
            post("/api/users")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"bob\",\"role\":\"viewer\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.password").isString());
    call(Role.ADMIN, patch("/api/users/bob", "{\"role\":\"operator\"}"))
        .andExpect(jsonPath("$.role").value("operator"));
    call(
            Role.ADMIN,
            post("/api/users/bob/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"ci\"}"))
        .andExpect(status().isCreated());
    call(Role.ADMIN, delete("/api/users/bob")).andExpect(status().isNoContent());
    call(Role.OPERATOR, delete("/api/caches/nope")).andExpect(status().isNotFound());

    JsonNode items = audit("?user=ada&since=1h").get("items");
    assertThat(items.findValuesAsText("action"))
        .containsSubsequence("user.delete", "token.create", "user.change", "user.add");
    assertThat(items.findValuesAsText("target")).contains("user bob", "token ci of bob");
    assertThat(audit("?user=otto&action=cache.delete").get("items").get(0).get("outcome").asText())
        .isEqualTo("failed");
  }

  @Test
  void repositoryChangesAreAuditedWithTheirOutcome() throws Exception {
    String id =
        created(Role.ADMIN, "/api/repos", "{\"forge\":\"git\",\"name\":\"/srv/git/audited.git\"}")
            .get("id")
            .asText();
    call(Role.ADMIN, patch("/api/repos/" + id, "{\"trusted\":true}")).andExpect(status().isOk());
    call(Role.ADMIN, delete("/api/repos/" + id)).andExpect(status().isNoContent());
    call(Role.ADMIN, patch("/api/repos/" + id, "{\"trusted\":false}"))
        .andExpect(status().isNotFound());

    JsonNode items = audit("?user=ada&since=1h").get("items");
    assertThat(items.findValuesAsText("action"))
        .containsSubsequence("repo.change", "repo.delete", "repo.change", "repo.register");
    assertThat(items.findValuesAsText("target"))
        .contains("repository git /srv/git/audited.git", "repository " + id);
    JsonNode missing = audit("?user=ada&action=repo.change").get("items").get(0);
    assertThat(missing.get("outcome").asText()).isEqualTo("failed");
    assertThat(missing.get("token").asText()).isEqualTo("t");
  }

  @Test
  void aPersonalTokenIsMadeUsedAndRevoked() throws Exception {
    String vera = "/api/users/vera/tokens";
    JsonNode made = created(Role.VIEWER, vera, "{\"name\":\"laptop-2\"}");
    String token = made.get("token").asText();
    assertThat(token).startsWith("fci_").hasSizeGreaterThan(40);

    mvc.perform(get("/api/pipelines").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    call(Role.VIEWER, get(vera))
        .andExpect(jsonPath("$.items[?(@.name == 'laptop-2')].lastUsedAt").isNotEmpty())
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString(token))));

    call(Role.VIEWER, delete(vera + "/" + made.get("id").asText()))
        .andExpect(status().isNoContent());
    mvc.perform(get("/api/pipelines").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized());
    assertThat(audit("?user=vera&action=token.revoke").get("items").get(0).get("target").asText())
        .isEqualTo("token laptop-2 of vera");
  }

  @Test
  void anExpiredTokenIsRefusedSayingSo() throws Exception {
    String token =
        tokens
            .create(Actor.named(Actor.SYSTEM), "vera", "brief", null, Instant.now().plusMillis(800))
            .token();
    mvc.perform(get("/api/pipelines").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    Thread.sleep(1000);

    mvc.perform(get("/api/pipelines").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error", containsString("token brief of vera expired at")));
  }

  @Test
  void aTokenActsWithItsRoleNotItsUsers() throws Exception {
    String token =
        tokens.create(Actor.named(Actor.SYSTEM), "ada", "read-only", "viewer", null).token();

    mvc.perform(get("/api/users").header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.error", containsString("ada (token read-only) has the role viewer")));
  }

  @Test
  void fiveWrongPasswordsForOneUserLockItOutEvenWithTheRightOneAndAreAudited() throws Exception {
    users.add(Actor.named(Actor.SYSTEM), "guessed", "viewer", PASSWORD);
    for (int i = 0; i < LoginThrottle.MAX_PER_USER; i++) {
      login("guessed", "wrong-" + i, from("10.0.0.9")).andExpect(redirectedUrl("/login?error"));
    }

    ResultActions refused =
        login("guessed", PASSWORD, from("10.0.0.9")).andExpect(redirectedUrl("/login?throttled"));
    MockHttpSession session = (MockHttpSession) refused.andReturn().getRequest().getSession(false);
    mvc.perform(get("/login").param("throttled", "").session(session))
        .andExpect(content().string(containsString("Too many failed logins for guessed")))
        .andExpect(content().string(containsString("try again in 15 minute(s)")));
    JsonNode failed = audit("?user=guessed&action=login.failed").get("items");
    assertThat(failed.size()).isEqualTo(LoginThrottle.MAX_PER_USER + 1);
    assertThat(failed.get(0).get("outcome").asText()).isEqualTo("denied");
    assertThat(failed.get(1).get("address").asText()).isEqualTo("10.0.0.9");
  }

  @Test
  void twentyFailuresFromOneAddressLockThatAddressOut() throws Exception {
    for (int i = 0; i < LoginThrottle.MAX_PER_ADDRESS; i++) {
      login("nobody-" + i, "wrong", from("10.0.0.10")).andExpect(redirectedUrl("/login?error"));
    }

    login("vera", PASSWORD, from("10.0.0.10")).andExpect(redirectedUrl("/login?throttled"));
    login("vera", PASSWORD, from("10.0.0.11")).andExpect(redirectedUrl("/"));
    assertThat(audit("?user=vera&action=login").get("items").get(0).get("address").asText())
        .isEqualTo("10.0.0.11");
  }

  private ResultActions login(String user, String password, RequestPostProcessor from)
      throws Exception {
    return mvc.perform(
        post("/login").param("username", user).param("password", password).with(csrf()).with(from));
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private String submitAs(Role role) throws Exception {
    return created(role, "/api/pipelines", ApiRolesTest.SPEC).get("id").asText();
  }

  /** POSTs the JSON body as the role: it must answer 201; returns the answer. */
  private JsonNode created(Role role, String path, String body) throws Exception {
    return JSON.readTree(
        call(role, post(path).contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private JsonNode audit(String query) throws Exception {
    return JSON.readTree(
        call(Role.ADMIN, get("/api/audit" + query))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private static MockHttpServletRequestBuilder patch(String path, String body) {
    return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch(path)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }

  private ResultActions call(Role role, MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer " + token(role)));
  }
}
