package dev.fastci.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.contract.ServiceStatus;
import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunDetail;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.ServiceView;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A service's log: read and followed by clients, written chunk by chunk by remote workers. */
@WebMvcTest(controllers = ServiceLogController.class, properties = "fastci.api-token=test-token")
@Import({SecurityConfiguration.class, StoreSlice.class})
class ServiceLogControllerTest {
  static final String URL = "/api/pipelines/r1/services/db/log";
  static final String LOG = "db booting\nready\n";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean LogFiles logs;
  @TempDir Path dir;
  Path log;

  @BeforeEach
  void runWithAService() throws Exception {
    log = Files.writeString(dir.resolve("db.1.log"), LOG);
    when(logs.serviceLog("r1", "db", 1)).thenReturn(log);
    when(runs.detail("r1")).thenReturn(run(PipelineStatus.SUCCEEDED, ServiceStatus.STOPPED, 1));
    when(runs.latestAttempt("r1")).thenReturn(1);
  }

  static RunDetail run(PipelineStatus status, ServiceStatus service, int attempt) {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    return new RunDetail(
        "r1",
        "p",
        status,
        attempt,
        t,
        t,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        List.of(new ServiceView("db", "postgres:15", service, attempt, t, null, null, null)));
  }

  private ResultActions stream(MockHttpServletRequestBuilder request) throws Exception {
    MvcResult started =
        mvc.perform(request.header("Authorization", "Bearer test-token"))
            .andExpect(request().asyncStarted())
            .andReturn();
    return mvc.perform(asyncDispatch(started));
  }

  private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer test-token"));
  }

  private ResultActions send(int attempt, long offset, String bytes) throws Exception {
    return call(
        put(URL)
            .param("attempt", Integer.toString(attempt))
            .param("offset", Long.toString(offset))
            .contentType("application/octet-stream")
            .content(bytes.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void logIsTheFileAsTextPlainFromAnOffset() throws Exception {
    stream(get(URL))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/plain;charset=UTF-8"))
        .andExpect(content().string(LOG));
    stream(get(URL).param("offset", "11")).andExpect(content().string("ready\n"));
  }

  @Test
  void followStreamsUntilTheServiceStopsThenCopiesTheRest() throws Exception {
    RunDetail running = run(PipelineStatus.RUNNING, ServiceStatus.READY, 1);
    when(runs.detail("r1"))
        .thenReturn(running, running)
        .thenAnswer(
            inv -> {
              Files.writeString(log, "shutting down\n", StandardOpenOption.APPEND);
              return run(PipelineStatus.RUNNING, ServiceStatus.STOPPED, 1);
            });

    stream(get(URL).param("follow", "true")).andExpect(content().string(LOG + "shutting down\n"));
  }

  @Test
  void unknownServiceOrAttemptIs404() throws Exception {
    call(get("/api/pipelines/r1/services/web/log"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("run r1 has no service web"));
    call(get(URL).param("attempt", "2"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("run r1 has no attempt 2"));
  }

  @Test
  void negativeOffsetIs400NamingIt() throws Exception {
    call(get(URL).param("offset", "-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("offset: must be 0 or more"));
  }

  @Test
  void chunksFromAWorkerAreWrittenAtTheirOffsets() throws Exception {
    Path uploaded = dir.resolve("r2").resolve("db.1.log");
    when(logs.serviceLog("r1", "db", 1)).thenReturn(uploaded);

    send(1, 0, "line 1\n").andExpect(status().isNoContent());
    send(1, 7, "line 2\n").andExpect(status().isNoContent());
    send(1, 7, "line 2\n").andExpect(status().isNoContent());
    send(1, 100, "x")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("offset: 100 is past the end of the log (14 bytes)"));

    assertThat(Files.readString(uploaded)).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void aChunkForAnUnknownServiceOrAttemptIs404() throws Exception {
    when(runs.serviceSpec("r1", "web"))
        .thenThrow(new RunNotFoundException("run r1 has no service web"));

    call(put("/api/pipelines/r1/services/web/log").param("attempt", "1").param("offset", "0"))
        .andExpect(status().isNotFound());
    send(2, 0, "x").andExpect(status().isNotFound());
    assertThat(Files.readString(log)).isEqualTo(LOG);
  }

  @Test
  void withoutTheTokenNothingIsReadOrWritten() throws Exception {
    mvc.perform(get(URL)).andExpect(status().isUnauthorized());
    mvc.perform(put(URL).param("attempt", "1").param("offset", "0").content("x"))
        .andExpect(status().isUnauthorized());
    assertThat(Files.readString(log)).isEqualTo(LOG);
  }
}
