package dev.fastci.server.forge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;

/**
 * A repository as a forge holds it, made with JGit: commits on branches, and a pull request's head
 * under {@code refs/pull/N/head} only, as a fork's commits are.
 */
public final class ForgeRepository {
  private final Path dir;
  private String cloneUrl;

  public ForgeRepository(Path dir) {
    this.dir = dir;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path gitDir() {
    return dir.resolve(".git");
  }

  /** Where the forge serves it: the clone URL. */
  public String cloneUrl() {
    return cloneUrl;
  }

  public ForgeRepository servedAt(String url) {
    this.cloneUrl = url;
    return this;
  }

  /** A commit on top of the current branch with these files (path to text); returns its id. */
  public String commit(Map<String, String> files) {
    try (Git git = Git.open(dir.toFile())) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        git.add().addFilepattern(file.getKey()).call();
      }
      return git.commit()
          .setMessage("change " + files.keySet())
          .setAuthor("FastCI Test", "test@fastci.dev")
          .setCommitter("FastCI Test", "test@fastci.dev")
          .setSign(false)
          .call()
          .getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Points {@code ref} at the commit, and moves the branch main back to where it was (to a first
   * commit of its own when it had none).
   */
  public String commitOnlyUnder(String ref, Map<String, String> files) {
    try (Git git = Git.open(dir.toFile())) {
      ObjectId main = git.getRepository().resolve("refs/heads/main");
      if (main == null) {
        main = ObjectId.fromString(commit(Map.of("README.md", "the forge's repository\n")));
      }
      String commit = commit(files);
      RefUpdate update = git.getRepository().updateRef(ref);
      update.setNewObjectId(ObjectId.fromString(commit));
      update.forceUpdate();
      git.reset()
          .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef(main.getName())
          .call();
      return commit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pipeline of dummy jobs: each job is a name and its DUMMY_* environment as JSON members. */
  public static String pipeline(String name, String... jobs) {
    StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"jobs\":[");
    for (int i = 0; i < jobs.length; i += 2) {
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(jobs[i])
          .append("\",\"image\":\"i\",\"command\":\"true\"")
          .append(jobs[i + 1].isEmpty() ? "" : "," + jobs[i + 1])
          .append("}");
    }
    return json.append("]}").toString();
  }
}
