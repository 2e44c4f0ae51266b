package dev.fastci.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every spec under {@code malformed-specs/} (plus a few too big to keep as files) is answered 400
 * with its problems listed by path, and starts nothing: the run store and the workflow engine are
 * never touched. {@code malformed-specs/expected-paths.properties} names, per file, one path that
 * the errors must contain.
 */
@WebMvcTest(controllers = PipelineApiController.class, properties = "fastci.api-token=test-token")
@Import({
  SecurityConfiguration.class,
  StoreSlice.class,
  RunService.class,
  RunStarter.class,
  SpecDocuments.class,
  RealSpecParser.class
})
class MalformedSpecCorpusTest {
  private static final String DIR = "malformed-specs/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB =
      "{\"name\": \"a\", \"image\": \"busybox\", \"command\": \"true\"}";

  @Autowired MockMvc mvc;
  @MockitoBean RunStore store;
  @MockitoBean JobRowsStore jobRows;
  @MockitoBean RunViews views;
  @MockitoBean PipelineClient pipelines;
  @MockitoBean RunRecorder recorder;
  @MockitoBean dev.fastci.server.metrics.RunMeters meters;
  @MockitoBean ConcurrencyGroups groups;
  @MockitoBean dev.fastci.server.runs.RunControls controls;

  static Stream<Arguments> corpus() throws IOException {
    Properties expected = expectedPaths();
    Resource[] files =
        new PathMatchingResourcePatternResolver().getResources("classpath:" + DIR + "*.*");
    List<Arguments> cases = new ArrayList<>();
    for (Resource file : files) {
      String name = file.getFilename();
      if (name == null || name.endsWith(".properties")) {
        continue;
      }
      byte[] body;
      try (InputStream in = file.getInputStream()) {
        body = in.readAllBytes();
      }
      cases.add(Arguments.of(Named.of(name, name), body, expected.getProperty(name)));
    }
    return cases.stream();
  }

  @Test
  void theCorpusHasAtLeastFiftySpecsAndEachHasAnExpectedPath() throws IOException {
    List<String> names =
        corpus().map(args -> ((Named<?>) args.get()[0]).getPayload().toString()).toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(50);
    assertThat(expectedPaths().stringPropertyNames()).containsExactlyInAnyOrderElementsOf(names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedSpecIs400ByPathAndStartsNothing(String file, byte[] body, String expectedPath)
      throws Exception {
    MediaType type =
        file.endsWith(".yaml")
            ? MediaType.parseMediaType("application/yaml")
            : MediaType.APPLICATION_JSON;
    List<String> paths = submitExpecting400(body, type);
    assertThat(paths).as("error paths of %s", file).contains(expectedPath);
  }

  @Test
  void tenThousandJobsAreOverTheLimit() throws Exception {
    StringBuilder spec = new StringBuilder("{\"name\":\"many\",\"jobs\":[");
    for (int i = 0; i < 10_000; i++) {
      spec.append(i == 0 ? "" : ",")
          .append("{\"name\":\"j")
          .append(i)
          .append("\",\"image\":\"busybox\",\"command\":\"true\"}");
    }
    spec.append("]}");
    assertThat(submitExpecting400(bytes(spec), MediaType.APPLICATION_JSON)).containsExactly("jobs");
  }

  @Test
  void jsonArraysNested5000DeepAreRefused() throws Exception {
    String spec = "{\"name\":\"deep\",\"jobs\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(submitExpecting400(bytes(spec), MediaType.APPLICATION_JSON)).containsExactly("$");
  }

  @Test
  void jsonObjectsNested5000DeepAreRefused() throws Exception {
    String spec = "{\"name\":\"deep\",\"x\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001);
    assertThat(submitExpecting400(bytes(spec), MediaType.APPLICATION_JSON)).containsExactly("$");
  }

  @Test
  void yamlNested5000DeepIsRefused() throws Exception {
    String block = "name: deep\njobs:\n  " + "- ".repeat(5000) + "x\n"; // compact nested lists
    assertThat(submitExpecting400(bytes(block), MediaType.parseMediaType("application/yaml")))
        .isNotEmpty();
    String flow = "name: deep\njobs: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThat(submitExpecting400(bytes(flow), MediaType.parseMediaType("application/yaml")))
        .isNotEmpty();
  }

  @Test
  void aByteOrderMarkBeforeAValidSpecIsAcceptedLikeTheParserDoes() throws Exception {
    // the parser skips a BOM; storing the spec as JSON did not, and answered 500
    byte[] spec = bytes("\uFEFF{\"name\": \"bom\", \"jobs\": [" + JOB + "]}");
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(spec))
        .andExpect(status().isCreated());
    verify(pipelines).begin(argThat(run -> run.spec().name().equals("bom")));
  }

  @Test
  void aCharsetInTheContentTypeIsHonoured() throws Exception {
    byte[] latin1 =
        ("{\"name\": \"caf\u00e9\", \"jobs\": [" + JOB + "]}")
            .getBytes(StandardCharsets.ISO_8859_1);
    mvc.perform(
            post("/api/pipelines")
                .header("Authorization", "Bearer test-token")
                .contentType("application/json;charset=ISO-8859-1")
                .content(latin1))
        .andExpect(status().isCreated());
    verify(pipelines).begin(argThat(run -> run.spec().name().equals("caf\u00e9")));
    // the same bytes without the charset are not UTF-8
    clearInvocations(store, pipelines);
    assertThat(submitExpecting400(latin1, MediaType.APPLICATION_JSON)).containsExactly("$");
  }

  /** Posts the body, expects 400 with a non-empty errors list, returns the errors' paths. */
  private List<String> submitExpecting400(byte[] body, MediaType type) throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/pipelines")
                    .header("Authorization", "Bearer test-token")
                    .contentType(type)
                    .content(body))
            .andReturn();
    String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(result.getResponse().getStatus()).as("status; answer: %s", answer).isEqualTo(400);
    JsonNode errors = JSON.readTree(answer).path("errors");
    assertThat(errors.isArray() && !errors.isEmpty()).as("errors in %s", answer).isTrue();
    List<String> paths = new ArrayList<>();
    for (JsonNode error : errors) {
      assertThat(error.path("path").isTextual() && !error.path("path").textValue().isEmpty())
          .as("a non-empty path in %s", error)
          .isTrue();
      assertThat(error.path("message").isTextual() && !error.path("message").textValue().isBlank())
          .as("a message in %s", error)
          .isTrue();
      paths.add(error.path("path").textValue());
    }
    verifyNoInteractions(store, pipelines);
    return paths;
  }

  private static Properties expectedPaths() {
    Properties expected = new Properties();
    try (InputStream in =
        MalformedSpecCorpusTest.class
            .getClassLoader()
            .getResourceAsStream(DIR + "expected-paths.properties")) {
      if (in != null) {
        expected.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return expected;
  }

  private static byte[] bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
