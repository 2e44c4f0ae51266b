package dev.fastci.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds small spec texts for tests. Single quotes in {@link #q} become double quotes. */
final class SpecTexts {
  static final String JOB = "{'name':'a','image':'busybox','command':'true'}";

  private SpecTexts() {}

  static String q(String text) {
    return text.replace('\'', '"');
  }

  /** A pipeline named p with the given jobs, each written with single quotes. */
  static String pipeline(String... jobs) {
    return q("{'name':'p','jobs':[" + String.join(",", jobs) + "]}");
  }

  /** A pipeline of job a plus the extra top-level fields, e.g. {@code 'parents':{}}. */
  static String pipelineWith(String fields) {
    return q("{'name':'p','jobs':[" + JOB + "]," + fields + "}");
  }

  /** A pipeline of job a with the extra job fields, e.g. {@code 'timeout_secs':1}. */
  static String jobWith(String fields) {
    return pipeline("{'name':'a','image':'busybox','command':'true'," + fields + "}");
  }

  /** Parses a spec that must be valid. */
  static PipelineSpec parse(String text) {
    return PipelineSpecParser.parse(text, SpecFormat.AUTO);
  }

  static List<String> errors(String text) {
    return PipelineSpecParser.validate(text, SpecFormat.AUTO).stream()
        .map(SpecError::toString)
        .toList();
  }

  static String resource(String name) {
    try (InputStream in = SpecTexts.class.getResourceAsStream("/specs/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource specs/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
