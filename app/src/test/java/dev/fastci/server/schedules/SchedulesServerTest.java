package dev.fastci.server.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastci.client.ScheduleClient;
import dev.fastci.contract.ScheduleActivities;
import dev.fastci.contract.ScheduleClock;
import dev.fastci.contract.ScheduleFire;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.SpecFormat;
import dev.fastci.worker.Engine;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Schedules on the whole server without Docker: the API, the store, each schedule's workflow on the
 * embedded Temporal, its fire activity, and the runs it starts on the dummy backend.
 */
@SpringBootTest(
    properties = {
      "fastci.api-token=" + SchedulesServerTest.TOKEN,
      "fastci.backend=dummy",
      "fastci.janitor.every=1h"
    })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulesServerTest {
  static final String TOKEN = "schedule-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC =
      "{\"name\":\"nightly\",\"jobs\":[{\"name\":\"a\",\"image\":\"i\",\"command\":\"true\","
          + "\"when\":{\"event\":\"schedule\"}}]}";

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("fastci.data-dir", () -> dataDir.toString());
  }

  @Autowired MockMvc mvc;
  @Autowired Schedules schedules;
  @Autowired RepoSchedules repoSchedules;
  @Autowired ScheduleClient clocks;
  @Autowired ScheduleResumer resumer;
  @Autowired ScheduleActivities firing;
  @Autowired RunService runs;
  @Autowired RunStore runStore;
  @Autowired JdbcClient jdbc;
  @Autowired Engine engine;

  private static MockHttpServletRequestBuilder authed(MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer " + TOKEN);
  }

  private JsonNode create(String body) throws Exception {
    String answer =
        mvc.perform(
                authed(post("/api/schedules"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JSON.readTree(answer);
  }

  @Test
  void aScheduleIsCreatedListedPausedResumedAndDeletedThroughTheApi() throws Exception {
    JsonNode created =
        create(
            "{\"spec\":"
                + SPEC
                + ",\"cron\":\"0 3 * * *\",\"timezone\":\"Europe/Berlin\","
                + "\"branch\":\"main\"}");
    String id = created.get("id").asText();
    Instant next = Instant.parse(created.get("nextFireAt").asText());
    assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(3);
    assertThat(created.get("source").asText()).isEqualTo("api");

    mvc.perform(authed(get("/api/schedules")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[?(@.id == '" + id + "')].pipeline").value("nightly"));
    mvc.perform(authed(post("/api/schedules/" + id + "/pause")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paused").value(true))
        .andExpect(jsonPath("$.nextFireAt").isEmpty());
    mvc.perform(authed(post("/api/schedules/" + id + "/resume")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paused").value(false))
        .andExpect(jsonPath("$.nextFireAt").value(next.toString()));
    mvc.perform(authed(delete("/api/schedules/" + id))).andExpect(status().isNoContent());
    mvc.perform(authed(get("/api/schedules/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no schedule " + id));
  }

  @Test
  void aBadScheduleIsRefusedWithEveryProblemByPath() throws Exception {
    mvc.perform(
            authed(post("/api/schedules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"spec\":{\"name\":\"x\",\"jobs\":[{\"name\":\"a\",\"command\":\"true\"}]},"
                        + "\"cron\":\"61 * * * *\",\"timezone\":\"Mars/Olympus\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].path").value("cron"))
        .andExpect(jsonPath("$.errors[0].message").value("minute: 61 is not a value from 0 to 59"))
        .andExpect(jsonPath("$.errors[1].path").value("timezone"))
        .andExpect(jsonPath("$.errors[2].path").value("spec.jobs[0].image"));
    mvc.perform(authed(post("/api/schedules")).contentType(MediaType.APPLICATION_JSON).content("{"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].path").value("$"));
    mvc.perform(post("/api/schedules").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void aScheduleDueWhileTheServerWasDownFiresOnceWhenItStarts() {
    Schedule schedule =
        schedules.create(new ScheduleRequest(SPEC, SpecFormat.JSON, "0 * * * *", "UTC", "main"));
    // as after a restart: the store says it fires after 05:00 three hours ago, and no workflow runs
    clocks.stop(schedule.id());
    Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    jdbc.sql("update schedules set fires_after = ? where id = ?")
        .params(Timestamp.from(threeHoursAgo), schedule.id())
        .update();
    await().atMost(Duration.ofSeconds(10)).until(() -> workflowClosed(schedule.id()));

    resumer.resumeSchedules();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> schedules.lastFires(schedule.id(), 10).size() == 1);
    ScheduleStore.Fire fire = schedules.lastFires(schedule.id(), 10).get(0);
    assertThat(fire.dueAt()).isEqualTo(threeHoursAgo.plus(Duration.ofHours(1)));
    RunDetail run = awaitEnd(fire.runId());
    assertThat(run.event()).isEqualTo("schedule");
    assertThat(run.branch()).isEqualTo("main");
    assertThat(run.trigger().path("schedule").asText()).isEqualTo(schedule.id());
    assertThat(run.jobs().get(0).status().name()).as("when.event schedule").isEqualTo("SUCCEEDED");
    // the other missed fires do not follow; the next is on the hour
    assertThat(schedules.lastFires(schedule.id(), 10)).hasSize(1);
    assertThat(schedules.get(schedule.id()).nextFire(Instant.now()))
        .isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
  }

  @Test
  void aFireTriedAgainHandsBackTheRunItStartedAndStartsNoOther() {
    Schedule schedule =
        schedules.create(new ScheduleRequest(SPEC, SpecFormat.JSON, "@yearly", "UTC", null));
    long due = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
    long runsBefore = runStore.count(null, "nightly");

    ScheduleFire first = firing.fire(schedule.id(), due);
    ScheduleFire again = firing.fire(schedule.id(), due);

    assertThat(first.outcome()).isEqualTo(ScheduleFire.Outcome.STARTED);
    assertThat(again.runId()).isEqualTo(first.runId());
    assertThat(runStore.count(null, "nightly")).isEqualTo(runsBefore + 1);
    assertThat(schedules.get(schedule.id()).firesAfter()).isEqualTo(Instant.ofEpochMilli(due));
    awaitEnd(first.runId());
  }

  @Test
  void aDeletedScheduleIsGoneForItsWorkflowAndAPausedOneStartsNothing() {
    Schedule paused =
        schedules.create(new ScheduleRequest(SPEC, SpecFormat.JSON, "@yearly", "UTC", null));
    schedules.pause(paused.id());
    assertThat(firing.fire(paused.id(), 1000L).outcome()).isEqualTo(ScheduleFire.Outcome.SKIPPED);
    assertThat(schedules.lastFires(paused.id(), 5)).isEmpty();

    schedules.delete(paused.id());

    assertThat(firing.fire(paused.id(), 2000L).outcome()).isEqualTo(ScheduleFire.Outcome.GONE);
  }

  @Test
  void aFireWhoseSpecTheServerNoLongerTakesStartsNoRunAndSaysWhy() {
    Schedule schedule =
        schedules.create(new ScheduleRequest(SPEC, SpecFormat.JSON, "@yearly", "UTC", null));
    jdbc.sql("update schedules set spec_json = ? where id = ?")
        .params(SPEC.replace("\"when\"", "\"secrets\":[\"GONE_SECRET\"],\"when\""), schedule.id())
        .update();

    ScheduleFire fire = firing.fire(schedule.id(), 5000L);

    assertThat(fire.outcome()).isEqualTo(ScheduleFire.Outcome.SKIPPED);
    assertThat(fire.message()).contains("secret GONE_SECRET is not set on the server");
    List<ScheduleStore.Fire> fires = schedules.lastFires(schedule.id(), 5);
    assertThat(fires).singleElement().satisfies(f -> assertThat(f.runId()).isNull());
    assertThat(fires.get(0).error()).contains("GONE_SECRET");
  }

  @Test
  void runNowStartsARunOfTheScheduleAndLeavesItsNextFireWhereItWas() throws Exception {
    JsonNode created = create("{\"spec\":" + SPEC + ",\"cron\":\"@yearly\",\"branch\":\"main\"}");
    String id = created.get("id").asText();
    mvc.perform(authed(post("/api/schedules/" + id + "/pause"))).andExpect(status().isOk());

    String answer =
        mvc.perform(authed(post("/api/schedules/" + id + "/run")))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.schedule").value(id))
            .andReturn()
            .getResponse()
            .getContentAsString();

    String runId = JSON.readTree(answer).get("id").asText();
    RunDetail run = awaitEnd(runId);
    assertThat(run.event()).isEqualTo("schedule");
    assertThat(run.branch()).isEqualTo("main");
    assertThat(run.trigger().path("schedule").asText()).isEqualTo(id);
    assertThat(run.trigger().path("now").asText()).isEqualTo("true");
    assertThat(run.jobs().get(0).status().name()).isEqualTo("SUCCEEDED");
    mvc.perform(authed(get("/api/schedules/" + id)))
        .andExpect(jsonPath("$.paused").value(true))
        .andExpect(jsonPath("$.lastRuns[0].runId").value(runId))
        .andExpect(jsonPath("$.lastRuns[0].status").value("SUCCEEDED"));
    mvc.perform(authed(post("/api/schedules/" + id + "/resume")))
        .andExpect(jsonPath("$.nextFireAt").value(created.get("nextFireAt").asText()));
    mvc.perform(authed(post("/api/schedules/nope/run")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no schedule nope"));
  }

  @Test
  void aPushKeepsTheSchedulesOfItsBranchInLineWithItsFiles() {
    String repo = "/srv/git/app-" + System.nanoTime() + ".git";
    String file = ".fastci/nightly.json";
    RepoSchedules.PushedFile first =
        pushed(file, "[{\"cron\":\"0 3 * * *\"},{\"cron\":\"@weekly\",\"branch\":\"dev\"}]");

    repoSchedules.pushed(repo, "main", "main", List.of(first), Set.of());

    List<Schedule> held = ofRepo(repo);
    assertThat(held)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.cron()).isEqualTo("0 3 * * *");
              assertThat(s.branch()).as("an entry without branch: the default").isEqualTo("main");
              assertThat(s.source()).isEqualTo(Schedule.Source.REPO);
              assertThat(s.timezone()).isEqualTo("UTC");
            });
    String id = held.get(0).id();

    // a push to dev registers the dev entry and leaves main's alone
    repoSchedules.pushed(repo, "dev", "main", List.of(first), Set.of());
    assertThat(ofRepo(repo)).extracting(Schedule::branch).containsExactlyInAnyOrder("main", "dev");

    // a new cron on the next push to main: the same schedule, changed
    repoSchedules.pushed(
        repo, "main", "main", List.of(pushed(file, "[{\"cron\":\"30 4 * * *\"}]")), Set.of());
    assertThat(schedules.get(id).cron()).isEqualTo("30 4 * * *");

    // the file is there but invalid: its schedules stay
    repoSchedules.pushed(repo, "main", "main", List.of(), Set.of(file));
    assertThat(schedules.get(id).cron()).isEqualTo("30 4 * * *");

    // the file went from main: its schedule goes, dev's stays until dev is deleted
    repoSchedules.pushed(repo, "main", "main", List.of(), Set.of());
    assertThat(ofRepo(repo)).extracting(Schedule::branch).containsExactly("dev");
    repoSchedules.branchDeleted(repo, "dev");
    assertThat(ofRepo(repo)).isEmpty();
  }

  @Test
  void aRepositorysScheduleIsNotDeletedThroughTheApiButCanBePaused() throws Exception {
    String repo = "/srv/git/lib-" + System.nanoTime() + ".git";
    repoSchedules.pushed(
        repo,
        "main",
        "main",
        List.of(pushed(".fastci/n.json", "[{\"cron\":\"@daily\"}]")),
        Set.of());
    String id = ofRepo(repo).get(0).id();

    mvc.perform(authed(delete("/api/schedules/" + id)))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.error")
                .value(
                    "schedule "
                        + id
                        + " comes from .fastci/n.json of "
                        + repo
                        + ": remove its on.schedule entry there, or pause it"));
    mvc.perform(authed(post("/api/schedules/" + id + "/pause")))
        .andExpect(jsonPath("$.paused").value(true))
        .andExpect(jsonPath("$.source").value("repo"))
        .andExpect(jsonPath("$.file").value(".fastci/n.json"));
    repoSchedules.branchDeleted(repo, "main");
  }

  @Test
  void theNightlyExampleRunsItsLongTestsOnlyOnTheClock() throws Exception {
    String example;
    try (java.io.InputStream in = getClass().getResourceAsStream("/examples/nightly.json")) {
      example = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String spec = example; // on the dummy backend: each job succeeds without a container
    Schedule schedule =
        schedules.create(new ScheduleRequest(spec, SpecFormat.AUTO, "@yearly", "UTC", "main"));
    RunDetail scheduled = awaitEnd(schedules.runNow(schedule.id()));
    assertThat(scheduled.jobs())
        .allSatisfy(job -> assertThat(job.status().name()).isEqualTo("SUCCEEDED"));

    Trigger manual = Trigger.of("manual");
    RunDetail byHand =
        awaitEnd(runs.submit(spec, SpecFormat.JSON, manual, manual.facts("main", null)));
    assertThat(byHand.jobs())
        .filteredOn(job -> job.name().equals("long-tests"))
        .singleElement()
        .satisfies(job -> assertThat(job.status().name()).isEqualTo("SKIPPED"));
    schedules.delete(schedule.id());
  }

  private RepoSchedules.PushedFile pushed(String path, String scheduleJson) {
    String json =
        "{\"name\":\"nightly\",\"on\":{\"schedule\":"
            + scheduleJson
            + "},\"jobs\":[{\"name\":\"a\",\"image\":\"i\",\"command\":\"true\"}]}";
    return new RepoSchedules.PushedFile(path, json, runs.accept(json, SpecFormat.JSON));
  }

  private List<Schedule> ofRepo(String repo) {
    return schedules.list().stream().filter(s -> repo.equals(s.repo())).toList();
  }

  private boolean workflowClosed(String scheduleId) {
    return engine
            .client()
            .newUntypedWorkflowStub(ScheduleClock.workflowId(scheduleId))
            .describe()
            .getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private RunDetail awaitEnd(String runId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> runs.detail(runId).status().isFinal());
    return runs.detail(runId);
  }
}
