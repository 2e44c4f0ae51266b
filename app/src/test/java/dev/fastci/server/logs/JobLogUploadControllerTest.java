package dev.fastci.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.logs.LogFiles;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Workers on other hosts write job logs into the server's log files, chunk by chunk. */
@WebMvcTest(controllers = JobLogUploadController.class, properties = "fastci.api-token=test-token")
@Import({SecurityConfiguration.class, StoreSlice.class})
class JobLogUploadControllerTest {
  static final String URL = "/api/pipelines/r1/jobs/build/log";

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean LogFiles logs;
  @TempDir Path dir;
  Path log;

  @BeforeEach
  void runWithTwoAttempts() {
    log = dir.resolve("r1").resolve("build.2.log");
    when(logs.jobLog("r1", "build", 2, 1)).thenReturn(log);
    when(runs.latestAttempt("r1")).thenReturn(2);
  }

  private ResultActions send(int attempt, long offset, String bytes) throws Exception {
    return mvc.perform(
        put(URL)
            .param("attempt", Integer.toString(attempt))
            .param("offset", Long.toString(offset))
            .header("Authorization", "Bearer test-token")
            .contentType("application/octet-stream")
            .content(bytes.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void chunksAreWrittenAtTheirOffsets() throws Exception {
    send(2, 0, "line 1\n").andExpect(status().isNoContent());
    send(2, 7, "line 2\n").andExpect(status().isNoContent());

    assertThat(Files.readString(log)).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void aChunkSentAgainIsWrittenOnce() throws Exception {
    send(2, 0, "line 1\n");
    send(2, 7, "line 2\n");
    send(2, 7, "line 2\n");

    assertThat(Files.readString(log)).isEqualTo("line 1\nline 2\n");
  }

  @Test
  void aChunkAtZeroStartsTheLogOver() throws Exception {
    send(2, 0, "first try, longer\n");
    send(2, 0, "again\n");

    assertThat(Files.readString(log)).isEqualTo("again\n");
  }

  @Test
  void anEmptyChunkAtZeroMakesAnEmptyLog() throws Exception {
    send(2, 0, "").andExpect(status().isNoContent());

    assertThat(log).exists().isEmptyFile();
  }

  @Test
  void aChunkPastTheEndIs409AndWritesNothing() throws Exception {
    send(2, 0, "abc");

    send(2, 10, "xyz")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("offset: 10 is past the end of the log (3 bytes)"));
    assertThat(Files.readString(log)).isEqualTo("abc");
  }

  @Test
  void aLaterTrysChunksGoToThatTrysLog() throws Exception {
    Path second = dir.resolve("r1").resolve("build.2.try2.log");
    when(logs.jobLog("r1", "build", 2, 2)).thenReturn(second);

    mvc.perform(
            put(URL)
                .param("attempt", "2")
                .param("try", "2")
                .param("offset", "0")
                .header("Authorization", "Bearer test-token")
                .contentType("application/octet-stream")
                .content("second try\n".getBytes(StandardCharsets.UTF_8)))
        .andExpect(status().isNoContent());

    assertThat(Files.readString(second)).isEqualTo("second try\n");
    assertThat(log).doesNotExist();
  }

  @Test
  void aTryBeyondTheMostARetryAllowsIs400() throws Exception {
    mvc.perform(
            put(URL)
                .param("attempt", "2")
                .param("try", "11")
                .param("offset", "0")
                .header("Authorization", "Bearer test-token")
                .contentType("application/octet-stream")
                .content(new byte[0]))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("try: must be 1 to 10"));
  }

  @Test
  void anAttemptTheRunDoesNotHaveIs404() throws Exception {
    send(3, 0, "x").andExpect(status().isNotFound());
    send(0, 0, "x").andExpect(status().isNotFound());
  }

  @Test
  void aNegativeOffsetIs400NamingIt() throws Exception {
    send(2, -1, "x")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("offset: must be 0 or more"));
  }

  @Test
  void anUnknownJobIs404() throws Exception {
    when(runs.jobSpec("r1", "build"))
        .thenThrow(new RunNotFoundException("run r1 has no job build"));

    send(2, 0, "x").andExpect(status().isNotFound());
    assertThat(log).doesNotExist();
  }

  @Test
  void withoutTheTokenNothingIsWritten() throws Exception {
    mvc.perform(put(URL).param("attempt", "2").param("offset", "0").content("x"))
        .andExpect(status().isUnauthorized());
    assertThat(log).doesNotExist();
  }
}
