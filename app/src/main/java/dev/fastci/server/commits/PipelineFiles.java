package dev.fastci.server.commits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.springframework.stereotype.Component;

/**
 * The pipeline files of a repository at one commit, read with JGit from the pushed repository or a
 * forge repository's mirror: {@code .fastci/*.json}, {@code .fastci/*.yaml|yml}, and the original
 * FastCI's {@code fastci_pipelines/*pipeline.json}.
 */
@Component
public class PipelineFiles {
  private static final Pattern PIPELINE_FILE =
      Pattern.compile("\\.fastci/[^/]+\\.(json|ya?ml)|fastci_pipelines/[^/]*pipeline\\.json");

  /** A pipeline file: its path in the repository and its text. */
  public record PipelineFile(String path, String text) {}

  /** The files in a repository on this host: a bare one, or a working copy's. */
  public List<PipelineFile> at(String repo, String commit) {
    return in(gitDir(repo), commit);
  }

  /** The files at the commit of the repository whose git dir this is (a mirror). */
  public List<PipelineFile> in(java.io.File gitDir, String commit) {
    String repo = gitDir.toString();
    try (Repository repository =
            new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
      List<PipelineFile> files = new ArrayList<>();
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(revCommit.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          if (PIPELINE_FILE.matcher(tree.getPathString()).matches()) {
            byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
            files.add(
                new PipelineFile(tree.getPathString(), new String(bytes, StandardCharsets.UTF_8)));
          }
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + repo + " at " + commit, e);
    }
  }

  /** A bare repository is its own git dir; a working copy has one in {@code .git}. */
  private static java.io.File gitDir(String repo) {
    Path path = Path.of(repo);
    Path dotGit = path.resolve(".git");
    return (dotGit.toFile().isDirectory() ? dotGit : path).toFile();
  }
}
