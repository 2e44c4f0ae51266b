package dev.fastci.server.api;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Bodies with a Content-Length over {@code fastci.limits.max-body-bytes} (default 1 MiB) are
 * refused with 413 before anything reads them. Bodies without one (chunked) are covered by {@link
 * RequestBodyLimitServerTest} on a real server, since MockMvc always sends a Content-Length.
 */
@WebMvcTest(controllers = PipelineApiController.class, properties = "fastci.api-token=test-token")
@Import({SecurityConfiguration.class, StoreSlice.class})
class RequestBodyLimitTest {
  static final int MIB = 1024 * 1024;

  @Autowired MockMvc mvc;
  @MockitoBean RunService runs;
  @MockitoBean RunControls controls;
  @MockitoBean RunStore store;

  @Test
  void aBodyOneByteOverTheDefaultLimitIs413WithAJsonErrorAndStartsNothing() throws Exception {
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(spaces(MIB + 1)))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error", containsString("larger than 1048576 bytes")));
    verifyNoInteractions(runs, store);
  }

  @Test
  void aBodyOfExactlyTheLimitIsTakenIn() throws Exception {
    when(runs.submit(any(), any(), any(), any(), any())).thenReturn("r1");
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(spaces(MIB)))
        .andExpect(status().isCreated());
    verify(runs).submit(any(), any(), any(), any(), any());
  }

  @Test
  void theLimitGuardsEveryApiRouteEvenBeforeTheToken() throws Exception {
    mvc.perform(post("/api/hooks/git").content(spaces(MIB + 1)))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.error").isNotEmpty());
    mvc.perform(post("/api/pipelines").content(spaces(2 * MIB)))
        .andExpect(status().isPayloadTooLarge());
  }

  private static byte[] spaces(int length) {
    byte[] body = new byte[length];
    Arrays.fill(body, (byte) ' ');
    return body;
  }
}
