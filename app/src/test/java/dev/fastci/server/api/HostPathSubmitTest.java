package dev.fastci.server.api;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.fastci.client.PipelineClient;
import dev.fastci.server.runs.ConcurrencyGroups;
import dev.fastci.server.runs.JobRowsStore;
import dev.fastci.server.runs.RunRecorder;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStarter;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunViews;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.server.security.SecurityConfiguration;
import dev.fastci.testing.StoreSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Host protection at the API: a submitted spec may mount host paths only under {@code
 * fastci.volumes.allowed-roots}, never the Docker socket; anything else is a 400 naming the field
 * and the path, and nothing is stored or started.
 */
@WebMvcTest(
    controllers = PipelineApiController.class,
    properties = {"fastci.api-token=test-token", "fastci.volumes.allowed-roots=${java.io.tmpdir}"})
@Import({
  SecurityConfiguration.class,
  StoreSlice.class,
  RunService.class,
  RunStarter.class,
  SpecDocuments.class,
  RealSpecParser.class
})
class HostPathSubmitTest {
  @Autowired MockMvc mvc;
  @MockitoBean RunStore store;
  @MockitoBean JobRowsStore jobRows;
  @MockitoBean RunViews views;
  @MockitoBean PipelineClient pipelines;
  @MockitoBean RunRecorder recorder;
  @MockitoBean dev.fastci.server.metrics.RunMeters meters;
  @MockitoBean ConcurrencyGroups groups;
  @MockitoBean dev.fastci.server.runs.RunControls controls;
  @TempDir Path temp;

  private ResultActions submit(String spec) throws Exception {
    return mvc.perform(
        post("/api/pipelines")
            .header("Authorization", "Bearer test-token")
            .contentType(MediaType.APPLICATION_JSON)
            .content(spec));
  }

  private static String spec(String workdir, String... volumes) {
    StringBuilder list = new StringBuilder();
    for (String volume : volumes) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(volume).append('"');
    }
    return "{\"name\":\"p\","
        + (workdir == null ? "" : "\"bind_workdir_from_host\":\"" + workdir + "\",")
        + "\"jobs\":[{\"name\":\"a\",\"image\":\"busybox\",\"command\":\"true\","
        + "\"volumes\":["
        + list
        + "]}]}";
  }

  @Test
  void hostPathOutsideTheAllowedRootsIs400AtItsPathAndStartsNothing() throws Exception {
    submit(spec("/etc", temp + ":/ok", "/etc:/host-etc:ro"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath(
                "$.errors[*].path",
                containsInAnyOrder("jobs[0].volumes[1]", "bind_workdir_from_host")))
        .andExpect(
            jsonPath(
                "$.errors[0].message",
                containsString(
                    "/etc is not under an allowed root (fastci.volumes.allowed-roots)")));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void symlinkOutOfTheAllowedRootIs400() throws Exception {
    Path link = Files.createSymbolicLink(temp.resolve("etc-link"), Path.of("/etc"));

    submit(spec(null, link + ":/x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].path").value("jobs[0].volumes[0]"))
        .andExpect(jsonPath("$.errors[0].message", containsString("resolves to /etc")));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void dockerSocketIs400() throws Exception {
    submit(spec(null, "/var/run/docker.sock:/var/run/docker.sock"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].message", containsString("Docker socket")));
    verifyNoInteractions(store, pipelines);
  }

  @Test
  void pathsUnderTheAllowedRootAndNamedVolumesStart() throws Exception {
    submit(spec(temp.toString(), temp + "/out:/out", "cache:/cache"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id", not(emptyString())));
    verify(pipelines).begin(any());
  }
}
