package dev.fastci.client;

import io.temporal.api.history.v1.History;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the event histories of an embedded Temporal before it is closed (a retired generation, a
 * server that stops), so that a run's History tab still shows them: one gzipped {@code History}
 * protobuf per execution, {@code <data-dir>/history/<run id>/<start millis>-<execution
 * id>.binpb.gz}, and beside an execution that was still open a {@code .note} that says what became
 * of it.
 */
public final class HistoryArchive {
  private static final Logger log = LoggerFactory.getLogger(HistoryArchive.class);
  private static final String SUFFIX = ".binpb.gz";

  private final Path root;

  public HistoryArchive(Path dataDir) {
    this.root = dataDir.resolve("history");
  }

  /** Archives every closed execution the engine holds that is not archived yet. */
  public void archiveClosed(WorkflowClient client) {
    for (WorkflowExecutionInfo info : TemporalHistories.executions(client, null, false)) {
      archive(client, info, null);
    }
  }

  /** Archives every execution, the open ones with a note: call once nothing runs any more. */
  public void archiveAll(WorkflowClient client, String openNote) {
    archiveClosed(client);
    for (WorkflowExecutionInfo info : TemporalHistories.executions(client, null, true)) {
      archive(client, info, openNote);
    }
  }

  private void archive(WorkflowClient client, WorkflowExecutionInfo info, String note) {
    Path file = file(info);
    if (Files.exists(file)) {
      return;
    }
    try {
      History history = TemporalHistories.history(client, info.getExecution());
      Files.createDirectories(file.getParent());
      Path part = file.resolveSibling(file.getFileName() + ".part");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
        history.writeTo(out);
      }
      if (note != null) {
        Files.writeString(noteOf(file), note, StandardCharsets.UTF_8);
      }
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      log.warn("could not archive the history of run {}: {}", info.getExecution(), e.toString());
    }
  }

  private Path file(WorkflowExecutionInfo info) {
    long start =
        info.getStartTime().getSeconds() * 1000 + info.getStartTime().getNanos() / 1_000_000;
    return root.resolve(info.getExecution().getWorkflowId())
        .resolve(start + "-" + info.getExecution().getRunId() + SUFFIX);
  }

  private static Path noteOf(Path file) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".note");
  }

  /** The archived executions of a run, oldest first. */
  List<Archived> executions(String runId) {
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !Files.isDirectory(root.resolve(runId))) {
      return List.of();
    }
    Path dir = root.resolve(runId);
    List<Archived> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().toList()) {
        String name = file.getFileName().toString();
        String id = name.substring(name.indexOf('-') + 1, name.length() - SUFFIX.length());
        Path note = noteOf(file);
        found.add(
            new Archived(
                id,
                file,
                Files.exists(note) ? Files.readString(note, StandardCharsets.UTF_8) : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  static History read(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return History.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the archived history " + file, e);
    }
  }

  /** An archived execution: its id, its file, and the note of one that was still open. */
  record Archived(String executionId, Path file, String note) {}
}
