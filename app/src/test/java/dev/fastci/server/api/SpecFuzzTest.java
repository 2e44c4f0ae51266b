package dev.fastci.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fastci.client.PipelineClient;
import dev.fastci.secrets.SecretSource;
import dev.fastci.server.FastciProperties;
import dev.fastci.server.audit.AuditLog;
import dev.fastci.server.audit.AuditStore;
import dev.fastci.server.runs.ConcurrencyGroups;
import dev.fastci.server.runs.JobRowsStore;
import dev.fastci.server.runs.RunControls;
import dev.fastci.server.runs.RunEventsStore;
import dev.fastci.server.runs.RunRecorder;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.RunStarter;
import dev.fastci.server.runs.RunStore;
import dev.fastci.server.runs.RunViews;
import dev.fastci.server.runs.SpecDocuments;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Property-based fuzzing of spec submission (jqwik): the valid examples of {@code examples/*.json}
 * are mutated (fields deleted, values replaced by values of another type, jobs duplicated and
 * shuffled, parent edges added, unicode and control characters inserted, nodes wrapped in arrays,
 * the text truncated or cut, stray bytes added), rendered as JSON or YAML and then
 *
 * <ul>
 *   <li>parsed: the parser returns a spec or throws {@link InvalidSpecException} with paths,
 *       nothing else;
 *   <li>posted to {@code POST /api/pipelines} (the real controller, error handler, body limit
 *       filter, RunService and parser; only the run store and the engine are mocks): the answer is
 *       201 or 400, never 500, and after a 400 nothing was stored or started.
 * </ul>
 */
class SpecFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final PipelineSpecParser PARSER =
      new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS);
  private static final List<JsonNode> SEEDS = seeds();
  private static final List<String> FIELD_NAMES =
      List.of(
          "name",
          "jobs",
          "image",
          "command",
          "parents",
          "env",
          "volumes",
          "timeout_secs",
          "setup_pipeline_dir",
          "bind_workdir_from_host",
          "repo_url",
          "commit_hash",
          "on",
          "branches");

  private static Api api;

  // ---- properties ------------------------------------------------------------------------

  @Example
  void everySeedIsAValidSpec() {
    assertThat(SEEDS).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode seed : SEEDS) {
      assertThat(PARSER.validateSpec(seed.toString(), SpecFormat.JSON)).isEmpty();
    }
  }

  @Property(tries = 10_000)
  void theParserReturnsASpecOrThrowsInvalidSpecExceptionWithPaths(
      @ForAll("mutatedSpecs") MutatedSpec mutated) {
    String text = mutated.text();
    SpecFormat format = mutated.output().format;
    PipelineSpec spec;
    try {
      spec = PARSER.parseSpec(text, format);
    } catch (InvalidSpecException e) {
      Statistics.label("parser").collect("invalid");
      assertHasPaths(e.errors());
      assertThat(PARSER.validateSpec(text, format)).isEqualTo(e.errors());
      return;
    }
    Statistics.label("parser").collect("valid");
    assertThat(spec).isNotNull();
    assertThat(spec.jobs()).isNotEmpty();
    assertThat(PARSER.validateSpec(text, format)).isEmpty();
  }

  @Property(tries = 10_000)
  void theApiAnswers201Or400AndStartsNothingOn400(@ForAll("mutatedSpecs") MutatedSpec mutated)
      throws Exception {
    Api api = api();
    clearInvocations(api.store, api.pipelines);
    MvcResult result =
        api.mvc
            .perform(
                post("/api/pipelines")
                    .header("Authorization", "Bearer test-token")
                    .contentType(mutated.output().contentType)
                    .content(mutated.bytes()))
            .andReturn();
    int status = result.getResponse().getStatus();
    Statistics.label("status").collect(status);
    String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(status).as("status; answer %s", answer).isIn(201, 400);
    if (status == 400) {
      JsonNode errors = JSON.readTree(answer).path("errors");
      assertThat(errors.isArray() && !errors.isEmpty()).as("errors in %s", answer).isTrue();
      for (JsonNode error : errors) {
        assertThat(error.path("path").isTextual() && !error.path("path").textValue().isEmpty())
            .as("a non-empty path in %s", error)
            .isTrue();
      }
      verifyNoInteractions(api.store, api.pipelines);
    } else {
      verify(api.pipelines).begin(any());
    }
  }

  private static void assertHasPaths(List<SpecError> errors) {
    assertThat(errors).isNotEmpty();
    for (SpecError error : errors) {
      assertThat(error.path()).as("path of %s", error).isNotEmpty();
      assertThat(error.message()).as("message of %s", error).isNotBlank();
    }
  }

  // ---- generators ------------------------------------------------------------------------

  @Provide
  Arbitrary<MutatedSpec> mutatedSpecs() {
    Arbitrary<Integer> seed = Arbitraries.integers().between(0, SEEDS.size() - 1);
    Arbitrary<List<TreeMutation>> tree = treeMutation().list().ofMinSize(0).ofMaxSize(4);
    Arbitrary<List<TextMutation>> text =
        Arbitraries.<List<TextMutation>>frequencyOf(
            weighted(6, Arbitraries.just(List.<TextMutation>of())),
            weighted(4, textMutation().list().ofMinSize(1).ofMaxSize(2)));
    Arbitrary<Output> output =
        Arbitraries.<Output>frequencyOf(
            weighted(4, Arbitraries.just(Output.JSON)),
            weighted(2, Arbitraries.just(Output.JSON_PRETTY)),
            weighted(3, Arbitraries.just(Output.YAML)));
    Arbitrary<byte[]> noise =
        Arbitraries.<byte[]>frequencyOf(
            weighted(9, Arbitraries.just(new byte[0])),
            weighted(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3)));
    Arbitrary<Integer> noiseAt = Arbitraries.integers().between(0, 100_000);
    return Combinators.combine(seed, tree, text, output, noise, noiseAt).as(MutatedSpec::new);
  }

  private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(
      int weight, Arbitrary<? extends T> arbitrary) {
    return Tuple.of(weight, arbitrary);
  }

  private static Arbitrary<TreeMutation> treeMutation() {
    Arbitrary<TreeKind> kind = Arbitraries.of(TreeKind.class);
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 10_000);
    return Combinators.combine(kind, index, index, jsonValue(2), chars()).as(TreeMutation::new);
  }

  private static Arbitrary<TextMutation> textMutation() {
    return Arbitraries.of(TextKind.class)
        .flatMap(
            kind ->
                Combinators.combine(
                        Arbitraries.just(kind),
                        Arbitraries.integers().between(0, 100_000),
                        kind == TextKind.PREPEND
                            ? Arbitraries.of("\uFEFF", " \n", "\t", "---\n", "\uFEFF\uFEFF", "#\n")
                            : chars())
                    .as(TextMutation::new));
  }

  /** Short strings of any unicode, control characters or JSON/YAML syntax. */
  private static Arbitrary<String> chars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(6),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(3),
        Arbitraries.strings()
            .withChars("{}[]\",:'\\ \t\n\r#&*!|>-?%@`\u0000\u2028\u00e9\uFEFF\uD83D\uDE00")
            .ofMinLength(1)
            .ofMaxLength(4),
        Arbitraries.of("\uD800", "\\u0000", "\\", "\"", "{", "]", "\n  -", ": ", "\u0000"));
  }

  /** Any JSON value, nested at most {@code depth} deep. */
  private static Arbitrary<JsonNode> jsonValue(int depth) {
    List<Arbitrary<? extends JsonNode>> leaves =
        List.of(
            Arbitraries.just(NODES.nullNode()),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.integers().map(NODES::numberNode),
            Arbitraries.of(0, -1, 1, Integer.MAX_VALUE).map(NODES::numberNode),
            Arbitraries.doubles().map(NODES::numberNode),
            Arbitraries.of(-0.5, 1e308, -1e308, 1e-300, 0.0).map(NODES::numberNode),
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.strings().all().ofMaxLength(12).map(NODES::textNode),
            Arbitraries.of(
                    "",
                    "   ",
                    "a",
                    "busybox",
                    "echo hi",
                    "/abs/path",
                    "relative/path",
                    "/data:/data:ro",
                    "0123456789abcdef0123456789abcdef01234567",
                    "<script>",
                    "j\u00f6b",
                    "x".repeat(300))
                .map(NODES::textNode));
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(leaves);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> array =
        jsonValue(depth - 1)
            .list()
            .ofMaxSize(3)
            .map(
                items -> {
                  ArrayNode node = NODES.arrayNode();
                  items.forEach(node::add);
                  return node;
                });
    Arbitrary<String> key =
        Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), Arbitraries.strings().all().ofMaxLength(5));
    Arbitrary<JsonNode> object =
        Combinators.combine(key.list().ofMaxSize(3), jsonValue(depth - 1).list().ofSize(3))
            .as(
                (keys, values) -> {
                  ObjectNode node = NODES.objectNode();
                  for (int i = 0; i < keys.size(); i++) {
                    node.set(keys.get(i), values.get(i));
                  }
                  return node;
                });
    return Arbitraries.<JsonNode>frequencyOf(
        weighted(6, leaf), weighted(1, array), weighted(1, object));
  }

  // ---- mutations -------------------------------------------------------------------------

  enum TreeKind {
    DELETE_FIELD,
    REPLACE_VALUE,
    DUPLICATE_JOB,
    SHUFFLE_JOBS,
    ADD_PARENT_EDGE,
    INSERT_CHARS,
    RENAME_KEY,
    WRAP_IN_ARRAY
  }

  enum TextKind {
    PREPEND,
    TRUNCATE,
    INSERT,
    DELETE_CHAR
  }

  enum Output {
    JSON("application/json", SpecFormat.AUTO),
    JSON_PRETTY("application/json", SpecFormat.AUTO),
    YAML("application/yaml", SpecFormat.YAML);

    final String contentType;
    final SpecFormat format;

    Output(String contentType, SpecFormat format) {
      this.contentType = contentType;
      this.format = format;
    }
  }

  record TreeMutation(TreeKind kind, int a, int b, JsonNode value, String chars) {}

  record TextMutation(TextKind kind, int at, String chars) {}

  /** One generated case; its text is rendered once, on first use. */
  static final class MutatedSpec {
    private final int seed;
    private final List<TreeMutation> tree;
    private final List<TextMutation> textMutations;
    private final Output output;
    private final byte[] noise;
    private final int noiseAt;
    private String text;

    MutatedSpec(
        int seed,
        List<TreeMutation> tree,
        List<TextMutation> textMutations,
        Output output,
        byte[] noise,
        int noiseAt) {
      this.seed = seed;
      this.tree = tree;
      this.textMutations = textMutations;
      this.output = output;
      this.noise = noise;
      this.noiseAt = noiseAt;
    }

    Output output() {
      return output;
    }

    String text() {
      if (text == null) {
        text = render();
      }
      return text;
    }

    /** The text as UTF-8, with the noise bytes (often not UTF-8) spliced in. */
    byte[] bytes() {
      byte[] utf8 = text().getBytes(StandardCharsets.UTF_8);
      if (noise.length == 0) {
        return utf8;
      }
      int at = noiseAt % (utf8.length + 1);
      byte[] out = new byte[utf8.length + noise.length];
      System.arraycopy(utf8, 0, out, 0, at);
      System.arraycopy(noise, 0, out, at, noise.length);
      System.arraycopy(utf8, at, out, at + noise.length, utf8.length - at);
      return out;
    }

    private String render() {
      JsonNode root = SEEDS.get(seed).deepCopy();
      for (TreeMutation mutation : tree) {
        root = apply(root, mutation);
      }
      String rendered;
      try {
        rendered =
            switch (output) {
              case JSON -> JSON.writeValueAsString(root);
              case JSON_PRETTY -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
              case YAML -> SpecFuzzTest.YAML.writeValueAsString(root);
            };
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (TextMutation mutation : textMutations) {
        rendered = apply(rendered, mutation);
      }
      return rendered;
    }

    @Override
    public String toString() {
      String shown = text();
      shown = shown.length() > 2000 ? shown.substring(0, 2000) + "..." : shown;
      return "MutatedSpec[seed="
          + seed
          + ", output="
          + output
          + ", tree="
          + tree
          + ", text="
          + textMutations
          + ", noise="
          + Arrays.toString(noise)
          + "@"
          + noiseAt
          + "]\n"
          + shown;
    }
  }

  /** A place in the tree: the node and how its parent holds it (root: no parent). */
  private record Slot(JsonNode parent, String key, int index, JsonNode node) {
    void replace(JsonNode with) {
      if (parent instanceof ObjectNode object) {
        object.set(key, with);
      } else if (parent instanceof ArrayNode array) {
        array.set(index, with);
      }
    }
  }

  private static List<Slot> slots(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(null, null, -1, root, slots);
    return slots;
  }

  private static void collect(
      JsonNode parent, String key, int index, JsonNode node, List<Slot> out) {
    out.add(new Slot(parent, key, index, node));
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(node, field.getKey(), -1, field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node, null, i, node.get(i), out);
      }
    }
  }

  private static JsonNode apply(JsonNode root, TreeMutation m) {
    List<Slot> slots = slots(root);
    switch (m.kind()) {
      case DELETE_FIELD -> {
        List<Slot> objects =
            slots.stream().filter(s -> s.node().isObject() && !s.node().isEmpty()).toList();
        if (!objects.isEmpty()) {
          ObjectNode object = (ObjectNode) objects.get(m.a() % objects.size()).node();
          List<String> names = new ArrayList<>();
          object.fieldNames().forEachRemaining(names::add);
          object.remove(names.get(m.b() % names.size()));
        }
      }
      case REPLACE_VALUE -> {
        Slot slot = slots.get(m.a() % slots.size());
        JsonNode value = m.value();
        if (value.getNodeType() == slot.node().getNodeType()) {
          value = NODES.arrayNode().add(value); // always of another type
        }
        if (slot.parent() == null) {
          return value;
        }
        slot.replace(value);
      }
      case DUPLICATE_JOB -> {
        ArrayNode jobs = jobs(root);
        if (jobs != null && !jobs.isEmpty()) {
          JsonNode copy = jobs.get(m.a() % jobs.size()).deepCopy();
          jobs.insert(m.b() % (jobs.size() + 1), copy);
        }
      }
      case SHUFFLE_JOBS -> {
        ArrayNode jobs = jobs(root);
        if (jobs != null) {
          List<JsonNode> items = new ArrayList<>();
          jobs.forEach(items::add);
          Collections.shuffle(items, new Random(m.a()));
          jobs.removeAll();
          items.forEach(jobs::add);
        }
      }
      case ADD_PARENT_EDGE -> {
        if (root instanceof ObjectNode object) {
          List<String> names = new ArrayList<>();
          ArrayNode jobs = jobs(root);
          if (jobs != null) {
            jobs.forEach(job -> names.add(job.path("name").asText("")));
          }
          names.add(m.chars()); // sometimes an unknown job
          String child = names.get(m.a() % names.size());
          String parent = names.get(m.b() % names.size());
          JsonNode parents = object.get("parents");
          if (parents == null || !parents.isObject()) {
            parents = object.putObject("parents");
          }
          JsonNode list = parents.get(child);
          if (list == null || !list.isArray()) {
            list = ((ObjectNode) parents).putArray(child);
          }
          ((ArrayNode) list).add(parent);
        }
      }
      case INSERT_CHARS -> {
        List<Slot> texts = slots.stream().filter(s -> s.node().isTextual()).toList();
        if (!texts.isEmpty()) {
          Slot slot = texts.get(m.a() % texts.size());
          TextNode with = NODES.textNode(insert(slot.node().textValue(), m.b(), m.chars()));
          if (slot.parent() == null) {
            return with;
          }
          slot.replace(with);
        }
      }
      case RENAME_KEY -> {
        List<Slot> fields = slots.stream().filter(s -> s.key() != null).toList();
        if (!fields.isEmpty()) {
          Slot slot = fields.get(m.a() % fields.size());
          ObjectNode object = (ObjectNode) slot.parent();
          object.remove(slot.key());
          object.set(insert(slot.key(), m.b(), m.chars()), slot.node());
        }
      }
      case WRAP_IN_ARRAY -> {
        Slot slot = slots.get(m.a() % slots.size());
        ArrayNode wrapped = NODES.arrayNode().add(slot.node());
        if (slot.parent() == null) {
          return wrapped;
        }
        slot.replace(wrapped);
      }
    }
    return root;
  }

  private static ArrayNode jobs(JsonNode root) {
    return root.get("jobs") instanceof ArrayNode jobs ? jobs : null;
  }

  private static String apply(String text, TextMutation m) {
    return switch (m.kind()) {
      case PREPEND -> m.chars() + text;
      case TRUNCATE -> text.substring(0, m.at() % (text.length() + 1));
      case INSERT -> insert(text, m.at(), m.chars());
      case DELETE_CHAR -> {
        if (text.isEmpty()) {
          yield text;
        }
        int at = m.at() % text.length();
        yield text.substring(0, at) + text.substring(at + 1);
      }
    };
  }

  private static String insert(String text, int at, String chars) {
    int i = at % (text.length() + 1);
    return text.substring(0, i) + chars + text.substring(i);
  }

  // ---- the API under test ----------------------------------------------------------------

  /** The real controller, error handler, body limit, RunService and parser; mocked store/engine. */
  private record Api(
      AnnotationConfigApplicationContext context,
      MockMvc mvc,
      RunStore store,
      PipelineClient pipelines) {}

  private static synchronized Api api() {
    if (api == null) {
      RunStore store = mock(RunStore.class);
      PipelineClient pipelines = mock(PipelineClient.class);
      AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
      context.registerBean(RunStore.class, () -> store);
      context.registerBean(PipelineClient.class, () -> pipelines);
      context.registerBean(JobRowsStore.class, () -> mock(JobRowsStore.class));
      context.registerBean(RunViews.class, () -> mock(RunViews.class));
      context.registerBean(RunRecorder.class, () -> mock(RunRecorder.class));
      context.registerBean(
          dev.fastci.server.metrics.RunMeters.class,
          () -> mock(dev.fastci.server.metrics.RunMeters.class));
      context.registerBean(AuditLog.class, () -> new AuditLog(mock(AuditStore.class)));
      context.registerBean(ObjectMapper.class, () -> new ObjectMapper());
      context.registerBean(SecretSource.class, () -> SecretSource.fromVariables(Map.of()));
      context.registerBean(PipelineSpecParser.class, () -> PARSER);
      context.registerBean(
          FastciProperties.class,
          () ->
              Binder.get(context.getEnvironment())
                  .bindOrCreate("fastci", FastciProperties.class)); // every default
      context.registerBean(RunEventsStore.class, () -> mock(RunEventsStore.class));
      context.register(
          RunService.class, SpecDocuments.class, RunStarter.class, ConcurrencyGroups.class);
      context.refresh();
      MockMvc mvc =
          MockMvcBuilders.standaloneSetup(
                  new PipelineApiController(
                      context.getBean(RunService.class), mock(RunControls.class), store))
              .setControllerAdvice(new ApiExceptionHandler())
              .addFilters(new RequestBodyLimitFilter(context.getBean(FastciProperties.class)))
              .build();
      api = new Api(context, mvc, store, pipelines);
    }
    return api;
  }

  @AfterContainer
  static synchronized void closeApi() {
    if (api != null) {
      api.context().close();
      api = null;
    }
  }

  private static List<JsonNode> seeds() {
    try {
      Resource[] files =
          new PathMatchingResourcePatternResolver().getResources("classpath*:examples/*.json");
      List<JsonNode> seeds = new ArrayList<>();
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          seeds.add(JSON.readTree(in));
        }
      }
      seeds.sort((x, y) -> x.path("name").asText().compareTo(y.path("name").asText()));
      return List.copyOf(seeds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
