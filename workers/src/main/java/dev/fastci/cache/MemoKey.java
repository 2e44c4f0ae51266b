package dev.fastci.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What a job's memoization key is made of. Two runs of a job with equal inputs have equal keys; any
 * difference (another image build, argv, env value, input file, or a parent's key) gives another
 * key. Secret values are never part of it, only the secrets' names.
 *
 * @param imageId the image's content id, not its name: a rebuilt {@code :latest} is another image
 * @param inputTree the checkout's git tree id in repo mode, else a hash of the host workdir's
 *     files, else empty (a fresh pipeline dir holds only what the parents wrote, and their keys
 *     stand for that)
 * @param parentKeys the keys of the job's parents, in the spec's order
 */
public record MemoKey(
    String imageId,
    List<String> argv,
    Map<String, String> env,
    List<String> secretNames,
    List<String> volumes,
    String platform,
    String workingDir,
    List<String> outputs,
    String inputTree,
    List<String> parentKeys) {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The SHA-256 of these inputs, in hex. */
  public String hash() {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(FileHashes.sha256().digest(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize a memoization key", e);
    }
  }

  /**
   * The input tree of a run.
   *
   * @param checkout the pipeline dir of a repo-mode run, else null
   * @param workdir the host dir of {@code bind_workdir_from_host}, else null
   */
  public static String inputTree(Path checkout, Path workdir) {
    if (checkout != null) {
      return "git-tree:" + checkoutTree(checkout);
    }
    if (workdir != null) {
      return "files:" + FileHashes.hash(workdir, "**");
    }
    return "";
  }

  private static String checkoutTree(Path checkout) {
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(checkout.resolve(".git").toFile()).build()) {
      ObjectId tree = repo.resolve("HEAD^{tree}");
      if (tree == null) {
        throw new IllegalStateException("the checkout in " + checkout + " has no HEAD");
      }
      return tree.name();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the checkout in " + checkout, e);
    }
  }

  /** Reads a key written by {@link #write}; null when there is none. */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable key file " + file, e);
    }
  }

  public static void write(Path file, String key) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, key + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the key file " + file, e);
    }
  }
}
