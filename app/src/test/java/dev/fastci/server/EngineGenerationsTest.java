package dev.fastci.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastci.backend.dummy.DummyBackend;
import dev.fastci.worker.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The embedded Temporal in generations ({@code fastci.temporal.embedded.recycle-after} small): new
 * runs go to each fresh generation, a run that is going at a switch goes on on the next one without
 * running its job twice, and every run's detail, log and history stay readable.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "fastci.api-token=" + EngineGenerationsTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.worker.host-id=gen-host",
      "fastci.temporal.embedded.recycle-after=4",
      "fastci.janitor.every=1h"
    })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EngineGenerationsTest {
  static final String TOKEN = "generations-token";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;
  @Autowired Engine engine;
  @Autowired MockMvc mvc;
  private ServerApi api;

  @BeforeEach
  void client() {
    api = new ServerApi("http://127.0.0.1:" + port, TOKEN);
  }

  @AfterEach
  void noCallCameOutOfOrder() {
    assertThat(backend().journal().violations()).as("calls out of order").isEmpty();
  }

  private DummyBackend backend() {
    return (DummyBackend) engine.backend();
  }

  private static String oneJob(String name, String env) {
    return "{\"name\":\"%s\",\"setup_pipeline_dir\":true,\"jobs\":[{\"name\":\"%s\",\"image\":\"i\",\"command\":\"true\",\"env\":{%s}}]}"
        .formatted(name, name, env);
  }

  @Test
  void runsGoOnAcrossGenerationsAndEachJobRunsOnce() throws Exception {
    int generation = engine.generation();
    String held =
        api.submit(oneJob("held", "\"DUMMY_HOLD\":\"true\",\"DUMMY_OUTPUT\":\"held\\n\""));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> backend().isRunning(held + "-gen-host-held-1"));

    List<String> quick = new ArrayList<>();
    for (int batch = 0; batch < 4; batch++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(api.submit(oneJob("quick", "\"DUMMY_SLEEP_MS\":\"50\",\"DUMMY_OUTPUT\":\"q\\n\"")));
      }
      for (String id : ids) {
        assertThat(api.awaitEnd(id).get("status").asText()).as(id).isEqualTo("SUCCEEDED");
      }
      quick.addAll(ids);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> engine.generation() >= generation + 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> backend().isRunning(held + "-gen-host-held-1"));

    backend().release("held-1");
    JsonNode end = api.awaitEnd(held);

    assertThat(end.get("status").asText()).as("%s", end).isEqualTo("SUCCEEDED");
    assertThat(backend().journal().createdCount("held-1"))
        .as("the held job's containers")
        .isEqualTo(1);
    assertThat(api.log(held, "held", null)).isEqualTo("held\n");
    for (String id : quick) {
      assertThat(backend().journal().createdCount(id + "-gen-host-quick-1")).as(id).isEqualTo(1);
      assertThat(api.log(id, "quick", null)).as(id).isEqualTo("q\n");
      assertThat(api.detail(id).get("status").asText()).isEqualTo("SUCCEEDED");
    }
    theHistoryShowsEveryExecution(held, quick.get(0));
  }

  private JsonNode eventsOf(String runId, JsonNode execution) throws Exception {
    return ServerApi.json(
            api.get(
                "/api/pipelines/"
                    + runId
                    + "/history?limit=1000&execution="
                    + execution.get("id").asText()))
        .get("events");
  }

  /** The held run went through every generation; a quick one closed on a retired one. */
  private void theHistoryShowsEveryExecution(String held, String quickOnARetiredGeneration)
      throws Exception {
    JsonNode history = ServerApi.json(api.get("/api/pipelines/" + held + "/history?limit=1000"));
    JsonNode executions = history.get("executions");
    assertThat(executions.size()).as("%s", executions).isGreaterThanOrEqualTo(3);
    // One execution completed the run; the others were open when their generation was retired
    // (the last of them too, when a switch came between the run's recorded end and its close).
    assertThat(executions.findValuesAsText("status"))
        .as("%s", executions)
        .containsOnlyOnce("Completed")
        .containsOnly("Completed", "Interrupted");
    for (JsonNode execution : executions) {
      if (execution.get("status").asText().equals("Interrupted")) {
        assertThat(execution.get("note").asText()).contains("was retired; the run went on");
        assertThat(execution.get("archived").asBoolean()).isTrue();
      }
    }
    JsonNode last = executions.get(executions.size() - 1);
    assertThat(history.get("execution").asText()).isEqualTo(last.get("id").asText());
    // The first execution was interrupted with the held job running; the completed one ended it.
    JsonNode first = eventsOf(held, executions.get(0));
    assertThat(first.findValuesAsText("type"))
        .contains("WorkflowExecutionStarted", "ActivityTaskScheduled")
        .doesNotContain("WorkflowExecutionCompleted");
    assertThat(first.findValuesAsText("job")).contains("held");
    for (JsonNode execution : executions) {
      if (execution.get("status").asText().equals("Completed")) {
        assertThat(eventsOf(held, execution).findValuesAsText("type"))
            .contains("WorkflowExecutionStarted", "WorkflowExecutionCompleted");
      }
    }

    // The first quick run started on the first generation, which is retired: its history was
    // archived. When it was still open at the switch, it went on on the next generation (an
    // execution of its own); when the switch came between its recorded end and the workflow's
    // close, it did not go on and its last execution shows as interrupted.
    JsonNode quick =
        ServerApi.json(api.get("/api/pipelines/" + quickOnARetiredGeneration + "/history"))
            .get("executions");
    assertThat(quick.get(0).get("archived").asBoolean()).as("%s", quick).isTrue();
    assertThat(quick.findValuesAsText("status"))
        .as("%s", quick)
        .containsOnly("Completed", "Interrupted");
    assertThat(quick.findValuesAsText("status").subList(0, quick.size() - 1))
        .as("%s", quick)
        .containsOnly("Interrupted");

    mvc.perform(get("/runs/" + held + "/history").with(user("admin").roles("ADMIN")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("was retired; the run went on")))
        .andExpect(content().string(containsString("ActivityTaskScheduled")));
  }
}
