package dev.fastci.server.ui.jobs;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.ServiceView;
import dev.fastci.server.ui.UiWebMvcTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@UiWebMvcTest(ServicePageController.class)
@WithUserDetails("admin")
class ServicePageControllerTest {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  static final String LOG = "<script>x</script>\nnot ready: \u001b[31mno config\u001b[0m\n";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean LogFiles logs;
  @TempDir Path dir;

  @BeforeEach
  void runWhoseServiceFailedInItsSecondAttempt() throws Exception {
    when(runs.detail("r1")).thenReturn(run(PipelineStatus.FAILED, ServiceStatus.FAILED));
    when(logs.serviceLog("r1", "db", 1))
        .thenReturn(Files.writeString(dir.resolve("1.log"), "one\n"));
    when(logs.serviceLog("r1", "db", 2)).thenReturn(Files.writeString(dir.resolve("2.log"), LOG));
  }

  static RunDetail run(PipelineStatus status, ServiceStatus service) {
    return new RunDetail(
        "r1",
        "p",
        status,
        2,
        T0,
        T0,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        List.of(
            new ServiceView(
                "db",
                "postgres:15",
                service,
                2,
                T0,
                null,
                T0.plusSeconds(30),
                "not ready in 30s")));
  }

  @Test
  void servicePageShowsItsStateAndTheLatestAttemptsLogEscapedAndColoured() throws Exception {
    mvc.perform(get("/runs/r1/services/db"))
        .andExpect(status().isOk())
        .andExpect(view().name("services/log"))
        .andExpect(model().attribute("attempt", 2))
        .andExpect(model().attribute("shownStatus", "FAILED"))
        .andExpect(model().attribute("ended", true))
        .andExpect(content().string(containsString("postgres:15")))
        .andExpect(content().string(containsString("not ready in 30s")))
        .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")))
        .andExpect(content().string(not(containsString("<script>x"))))
        .andExpect(content().string(containsString("<span class=\"ansi-fg-1\">no config</span>")))
        .andExpect(content().string(containsString("/runs/r1/services/db?attempt=1")));
  }

  @Test
  void earlierAttemptShowsItsOwnLog() throws Exception {
    mvc.perform(get("/runs/r1/services/db").param("attempt", "1"))
        .andExpect(model().attribute("attempt", 1))
        .andExpect(model().attribute("lines", List.of("one")));
  }

  @Test
  void unknownServiceOrAttemptIsA404Page() throws Exception {
    mvc.perform(get("/runs/r1/services/web"))
        .andExpect(status().isNotFound())
        .andExpect(view().name("error"))
        .andExpect(model().attribute("message", "run r1 has no service web"));
    mvc.perform(get("/runs/r1/services/db").param("attempt", "3")).andExpect(status().isNotFound());
  }

  @Test
  void aLiveServiceIsFollowed() throws Exception {
    when(runs.detail("r1")).thenReturn(run(PipelineStatus.RUNNING, ServiceStatus.READY));

    mvc.perform(get("/runs/r1/services/db"))
        .andExpect(model().attribute("ended", false))
        .andExpect(
            content().string(containsString("/runs/r1/services/db/stream?attempt=2&amp;offset=")));
  }

  @Test
  void rawLogDownloadsTheBytesAsAnAttachment() throws Exception {
    mvc.perform(get("/runs/r1/services/db/raw").param("attempt", "2"))
        .andExpect(status().isOk())
        .andExpect(
            header().string("Content-Disposition", "attachment; filename=\"r1-service-db-2.log\""))
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
        .andExpect(content().bytes(Files.readAllBytes(dir.resolve("2.log"))));
  }

  @Test
  void streamIsAnEventStreamThatEndsWithTheService() throws Exception {
    MvcResult started =
        mvc.perform(get("/runs/r1/services/db/stream").param("attempt", "2"))
            .andExpect(request().asyncStarted())
            .andReturn();

    mvc.perform(asyncDispatch(started))
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM))
        .andExpect(content().string(containsString("event:lines")))
        .andExpect(content().string(containsString("event:status\ndata:FAILED")))
        .andExpect(content().string(containsString("event:end")));
  }
}
