package dev.fastci.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/** {@link MirrorGit} with JGit, where the {@code git} command is not installed. */
final class JGitMirrorGit implements MirrorGit {

  JGitMirrorGit() {
    GitCredentials.installOnce(System.getenv());
  }

  @Override
  public boolean has(Path mirror, String commitHash) throws IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(mirror.toFile()).build()) {
      return resolve(repo, commitHash) != null;
    }
  }

  @Override
  public void create(Path mirror, String repoUrl) throws IOException {
    try (Git git = Git.init().setBare(true).setDirectory(mirror.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", repoUrl);
      config.setString("remote", "origin", "fetch", "+refs/*:refs/*");
      config.setBoolean("remote", "origin", "mirror", true);
      config.save();
    } catch (GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void fetch(Path mirror, GitAuth auth, String refSpec) throws IOException {
    try (Git git = Git.open(mirror.toFile())) {
      FetchCommand fetch = git.fetch().setRemote("origin");
      if (auth.provider() != null) {
        fetch.setCredentialsProvider(auth.provider());
      }
      if (refSpec == null) {
        fetch.setRemoveDeletedRefs(true);
      } else {
        fetch.setRefSpecs(new RefSpec(refSpec));
      }
      fetch.call();
    } catch (GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void checkout(Path mirror, String repoUrl, String commitHash, Path dir)
      throws IOException {
    Path gitDir = dir.resolve(".git");
    try (Repository created = FileRepositoryBuilder.create(gitDir.toFile())) {
      created.create();
      StoredConfig config = created.getConfig();
      config.setString("remote", "origin", "url", repoUrl);
      config.save();
    }
    Files.writeString(
        gitDir.resolve("objects/info/alternates"),
        mirror.resolve("objects") + "\n",
        StandardCharsets.UTF_8);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      ObjectId id = resolve(repo, commitHash);
      if (id == null) {
        throw new IOException("commit " + commitHash + " is not in " + repoUrl);
      }
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(id);
        RefUpdate head = repo.updateRef(Constants.HEAD, true); // detached at the commit
        head.setNewObjectId(commit);
        head.forceUpdate();
        DirCacheCheckout checkout =
            new DirCacheCheckout(repo, repo.lockDirCache(), commit.getTree());
        checkout.setFailOnConflict(true);
        checkout.checkout();
      }
    }
  }

  /** The commit, or null when the repository does not have it (or it is not a commit). */
  private static ObjectId resolve(Repository repo, String commitHash) throws IOException {
    try {
      return repo.resolve(commitHash + "^{commit}");
    } catch (MissingObjectException | IncorrectObjectTypeException | RevisionSyntaxException no) {
      return null;
    }
  }
}
