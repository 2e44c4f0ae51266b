package dev.fastci.server.commits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
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

  /**
   * The files that differ between two commits (added, changed, deleted or renamed: both names), for
   * {@code when.path}; null when {@code before} is not a commit of the repository (a new branch: no
   * diff is known, so every path counts as changed).
   */
  public List<String> changedPaths(String repo, String before, String after) {
    return changedPaths(gitDir(repo), before, after);
  }

  /** The same in the repository whose git dir this is (a forge repository's mirror). */
  public List<String> changedPaths(java.io.File gitDir, String before, String after) {
    try (Repository repository =
            new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      ObjectId from = before == null ? ObjectId.zeroId() : ObjectId.fromString(before);
      if (from.equals(ObjectId.zeroId()) || !repository.getObjectDatabase().has(from)) {
        return null;
      }
      return diff(repository, walk, walk.parseCommit(from), ObjectId.fromString(after));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot diff " + gitDir + " between " + before + " and " + after, e);
    }
  }

  /**
   * A pull request's changed files: those that differ between its head and the merge base of its
   * head and its target branch ({@code refs/heads/<base>} of the mirror); null when the mirror has
   * no such branch or no common history (every path counts as changed).
   */
  public List<String> changedSinceMergeBase(java.io.File gitDir, String baseBranch, String head) {
    try (Repository repository =
            new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      Ref base = repository.exactRef("refs/heads/" + baseBranch);
      if (base == null) {
        return null;
      }
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(base.getObjectId()));
      walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
      RevCommit mergeBase = walk.next();
      if (mergeBase == null) {
        return null;
      }
      walk.reset();
      walk.setRevFilter(RevFilter.ALL);
      return diff(repository, walk, walk.parseCommit(mergeBase), ObjectId.fromString(head));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot diff " + gitDir + " between " + baseBranch + " and " + head, e);
    }
  }

  private static List<String> diff(Repository repository, RevWalk walk, RevCommit from, ObjectId to)
      throws IOException {
    try (TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(from.getTree());
      tree.addTree(walk.parseCommit(to).getTree());
      tree.setRecursive(true);
      Set<String> paths = new LinkedHashSet<>();
      for (DiffEntry entry : DiffEntry.scan(tree)) {
        if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
          paths.add(entry.getOldPath());
        }
        if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
          paths.add(entry.getNewPath());
        }
      }
      return List.copyOf(paths);
    }
  }

  /** The branch the repository's HEAD names (its default branch), or null when HEAD names none. */
  public String defaultBranch(String repo) {
    try (Repository repository =
        new FileRepositoryBuilder().setGitDir(gitDir(repo)).setMustExist(true).build()) {
      Ref head = repository.exactRef("HEAD");
      if (head == null || !head.isSymbolic()) {
        return null;
      }
      String target = head.getTarget().getName();
      return target.startsWith("refs/heads/") ? target.substring("refs/heads/".length()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read HEAD of " + repo, e);
    }
  }

  /** A bare repository is its own git dir; a working copy has one in {@code .git}. */
  private static java.io.File gitDir(String repo) {
    Path path = Path.of(repo);
    Path dotGit = path.resolve(".git");
    return (dotGit.toFile().isDirectory() ? dotGit : path).toFile();
  }
}
