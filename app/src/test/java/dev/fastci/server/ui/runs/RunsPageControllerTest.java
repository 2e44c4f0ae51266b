package dev.fastci.server.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.fastci.contract.PipelineStatus;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunSummary;
import dev.fastci.server.ui.UiWebMvcTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@UiWebMvcTest(RunsPageController.class)
@WithUserDetails("admin")
class RunsPageControllerTest {
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean RunStore store;

  static RunSummary run(String id, PipelineStatus status, String triggerJson) {
    return new RunSummary(id, "pipe-" + id, status, T0, T0, T0.plusSeconds(5), 1, triggerJson);
  }

  @Test
  void runsPageShowsTheFirstPageOfAllRuns() throws Exception {
    when(store.list(null, null, 25, 0))
        .thenReturn(List.of(run("r1", PipelineStatus.SUCCEEDED, "{\"type\":\"manual\"}")));
    when(store.count(null, null)).thenReturn(1L);

    mvc.perform(get("/"))
        .andExpect(status().isOk())
        .andExpect(view().name("runs/list"))
        .andExpect(model().attribute("runs", hasSize(1)))
        .andExpect(model().attribute("total", 1L))
        .andExpect(model().attribute("page", 0))
        .andExpect(model().attribute("hasNext", false))
        .andExpect(content().string(containsString("pipe-r1")));
  }

  @Test
  void statusAndNameFiltersGoToTheStore() throws Exception {
    mvc.perform(get("/").param("status", "FAILED").param("name", " build "))
        .andExpect(status().isOk())
        .andExpect(model().attribute("status", "FAILED"))
        .andExpect(model().attribute("name", "build"));

    verify(store).list(PipelineStatus.FAILED, "build", 25, 0);
    verify(store).count(PipelineStatus.FAILED, "build");
  }

  @Test
  void secondPageStartsAtOffset25() throws Exception {
    when(store.count(null, null)).thenReturn(60L);

    mvc.perform(get("/").param("page", "1"))
        .andExpect(model().attribute("page", 1))
        .andExpect(model().attribute("hasNext", true))
        .andExpect(content().string(containsString("newer")))
        .andExpect(content().string(containsString("older")));

    verify(store).list(null, null, 25, 25);
  }

  @Test
  void hugePageNumberDoesNotOverflowTheOffset() throws Exception {
    mvc.perform(get("/").param("page", "100000000")).andExpect(status().isOk());

    verify(store).list(null, null, 25, Integer.MAX_VALUE);
  }

  @Test
  void rowsShowStatusClassAndTriggerLabel() throws Exception {
    when(store.list(any(), any(), anyInt(), anyInt()))
        .thenReturn(
            List.of(
                run(
                    "r3",
                    PipelineStatus.FAILED,
                    "{\"type\":\"push\",\"ref\":\"refs/heads/main\","
                        + "\"after\":\"1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d\"}"),
                run("r2", PipelineStatus.RUNNING, "{\"type\":\"manual\"}"),
                run("r1", PipelineStatus.SUCCEEDED, "{\"type\":\"cli\"}")));

    MvcResult result =
        mvc.perform(get("/"))
            .andExpect(
                content().string(containsString("<span class=\"status failed\">FAILED</span>")))
            .andExpect(content().string(containsString("<td>push main @ 1a2b3c4</td>")))
            .andExpect(content().string(containsString("<td>CLI</td>")))
            .andReturn();

    @SuppressWarnings("unchecked")
    List<RunListItem> rows = (List<RunListItem>) result.getModelAndView().getModel().get("runs");
    assertThat(rows)
        .extracting(RunListItem::statusClass, RunListItem::trigger)
        .containsExactly(
            tuple("failed", "push main @ 1a2b3c4"),
            tuple("running", "manual"),
            tuple("succeeded", "CLI"));
  }

  @Test
  void runsPageLinksToNewRun() throws Exception {
    mvc.perform(get("/"))
        .andExpect(
            content().string(containsString("href=\"/runs/new\" id=\"new-run\">New run</a>")));
  }

  @Test
  void liveRowsAreAnEventStreamOfTheRenderedTable() throws Exception {
    MvcResult result =
        mvc.perform(get("/runs/live").param("page", "0"))
            .andExpect(request().asyncStarted())
            .andReturn();
    MockHttpServletResponse response = result.getResponse();

    try { // the headers go out with the first event
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> response.getContentAsString().contains("\n\n"));
      assertThat(response.getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
      assertThat(response.getContentAsString())
          .startsWith("data:")
          .contains("<table class=\"runs\">");
    } finally {
      result.getRequest().getAsyncContext().complete(); // stops the stream
    }
  }
}
