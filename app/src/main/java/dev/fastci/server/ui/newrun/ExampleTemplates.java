package dev.fastci.server.ui.newrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The repository's examples/ pipelines, packaged with the templates, offered on New run. */
@Component
class ExampleTemplates {
  private final List<Resource> examples;

  ExampleTemplates() throws IOException {
    Resource[] found =
        new PathMatchingResourcePatternResolver().getResources("classpath*:examples/*.*");
    this.examples =
        Arrays.stream(found)
            .filter(r -> r.getFilename() != null && r.getFilename().matches(".*\\.(json|ya?ml)"))
            .sorted(java.util.Comparator.comparing(Resource::getFilename))
            .toList();
  }

  List<String> names() {
    return examples.stream().map(Resource::getFilename).toList();
  }

  Optional<String> text(String name) {
    return examples.stream()
        .filter(r -> r.getFilename().equals(name))
        .findFirst()
        .map(
            r -> {
              try {
                return r.getContentAsString(StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
