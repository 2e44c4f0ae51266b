package dev.fastci.server.ui.live;

import dev.fastci.util.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Server-rendered live updates: a page fragment is rendered again every half second and sent over
 * SSE when its HTML changed, so the browser only swaps it in. Thymeleaf escapes it like any page.
 */
@Component
public class LiveFragments {
  static final Duration EVERY = Duration.ofMillis(500);
  static final Duration STREAM_LIMIT = Duration.ofMinutes(15); // the browser reconnects after it

  private final ITemplateEngine templates;
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(2, DaemonThreads.named("fastci-live-ui"));

  public LiveFragments(ITemplateEngine templates) {
    this.templates = templates;
  }

  /**
   * @param model the fragment's variables, read again for each render
   * @param ended after the render of a model it accepts, the stream sends "end" and closes
   */
  public SseEmitter push(
      String template,
      String fragment,
      Supplier<Map<String, Object>> model,
      Predicate<Map<String, Object>> ended) {
    AtomicReference<String> last = new AtomicReference<>("");
    return every(
        EVERY,
        emitter -> {
          Map<String, Object> variables = model.get();
          String html =
              templates.process(template, Set.of(fragment), new Context(Locale.ENGLISH, variables));
          if (!html.equals(last.getAndSet(html))) {
            emitter.send(SseEmitter.event().data(html.replace("\n", " ")));
          }
          if (ended.test(variables)) {
            emitter.send(SseEmitter.event().name("end").data("end"));
            return false;
          }
          return true;
        });
  }

  /** Runs {@code tick} every {@code every} until it returns false or the client goes. */
  public SseEmitter every(Duration every, SseTick tick) {
    SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
    Stream stream = new Stream();
    stream.start(
        timer.scheduleWithFixedDelay(
            () -> {
              if (stream.over) {
                return;
              }
              try {
                if (!tick.send(emitter)) {
                  stream.stop();
                  emitter.complete();
                }
              } catch (IOException | RuntimeException gone) {
                stream.stop();
                emitter.completeWithError(gone);
              }
            },
            0,
            every.toMillis(),
            TimeUnit.MILLISECONDS));
    emitter.onCompletion(stream::stop);
    emitter.onTimeout(stream::stop);
    emitter.onError(error -> stream.stop());
    return emitter;
  }

  /** The scheduled task of one stream, which may end before its first tick is even scheduled. */
  private static final class Stream {
    volatile boolean over;
    private ScheduledFuture<?> task;

    synchronized void start(ScheduledFuture<?> scheduled) {
      task = scheduled;
      if (over) {
        task.cancel(false);
      }
    }

    synchronized void stop() {
      over = true;
      if (task != null) {
        task.cancel(false);
      }
    }
  }

  /** One step of a stream: sends what is new; false when the stream is over. */
  @FunctionalInterface
  public interface SseTick {
    boolean send(SseEmitter emitter) throws IOException;
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
