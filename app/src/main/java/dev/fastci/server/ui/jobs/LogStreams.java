package dev.fastci.server.ui.jobs;

import dev.fastci.server.runs.RunNotFoundException;
import dev.fastci.server.ui.live.LiveFragments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What the log pages (a job's, a service's) share: the live tail and the raw download. */
final class LogStreams {
  private static final Duration TAIL_EVERY = Duration.ofMillis(250);

  private LogStreams() {}

  /**
   * Puts what a log page shows of an attempt's log into {@code model}: its status, its lines as
   * they are now, whether it has ended and, while it has not, the URL that tails the rest.
   *
   * @param page the page's path; its tail is at {@code page + "/stream"}
   * @param query more of the tail's query ({@code &try=2}), or empty
   */
  static void show(
      Model model, String page, String query, int attempt, String status, Path file, boolean ended)
      throws IOException {
    LogLines.Chunk chunk = LogLines.read(file, 0, ended);
    model.addAttribute("attempt", attempt);
    model.addAttribute("shownStatus", status);
    model.addAttribute("statusClass", status.toLowerCase());
    model.addAttribute("lines", chunk.lines());
    model.addAttribute("ended", ended);
    model.addAttribute(
        "streamUrl",
        ended
            ? null
            : "%s/stream?attempt=%d%s&offset=%d&line=%d"
                .formatted(page, attempt, query, chunk.nextOffset(), chunk.lines().size() + 1));
  }

  /** The status of the log's owner once it has ended (its log will not grow), else null. */
  @FunctionalInterface
  interface EndedStatus {
    String get() throws IOException;
  }

  /**
   * New lines of {@code file} from {@code offset} as "lines" events, numbered from {@code line};
   * once its owner has ended, the rest, then its status as "status", then "end".
   */
  static SseEmitter tail(
      LiveFragments live, Path file, long offset, int line, EndedStatus endedStatus) {
    AtomicLong next = new AtomicLong(offset);
    AtomicInteger number = new AtomicInteger(line);
    return live.every(
        TAIL_EVERY,
        emitter -> {
          String status = endedStatus.get();
          boolean ended = status != null;
          LogLines.Chunk chunk = LogLines.read(file, next.get(), ended);
          next.set(chunk.nextOffset());
          if (!chunk.lines().isEmpty()) {
            String html = LogLines.numbered(chunk.lines(), number.getAndAdd(chunk.lines().size()));
            emitter.send(SseEmitter.event().name("lines").data(html));
          }
          if (ended) {
            emitter.send(SseEmitter.event().name("status").data(status));
            emitter.send(SseEmitter.event().name("end").data("end"));
          }
          return !ended;
        });
  }

  /** The log's bytes as a text/plain attachment named {@code name}; 404 while it has none. */
  static ResponseEntity<Resource> raw(Path file, String name, String what) {
    if (!Files.exists(file)) {
      throw new RunNotFoundException("no log yet for " + what);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }
}
