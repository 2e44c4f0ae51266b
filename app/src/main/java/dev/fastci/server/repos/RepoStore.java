package dev.fastci.server.repos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The registered repositories ({@code repos}). */
@Repository
public class RepoStore {
  private static final String COLUMNS =
      "id, forge, name, clone_url, api_url, token_secret, hook_secret, default_branch,"
          + " approve_forks, trusted, created_at";

  private final JdbcClient jdbc;

  public RepoStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new repository (its id is ignored) and returns it with the id it got. */
  public Repo insert(Repo repo) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into repos (forge, name, clone_url, api_url, token_secret, hook_secret,"
                + " default_branch, approve_forks, trusted, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(repo))
        .update(keys, "id");
    return find(keys.getKey().longValue()).orElseThrow();
  }

  /** Writes every field but the id, the forge and the creation time. */
  public void update(Repo repo) {
    jdbc.sql(
            "update repos set name = ?, clone_url = ?, api_url = ?, token_secret = ?,"
                + " hook_secret = ?, default_branch = ?, approve_forks = ?, trusted = ?"
                + " where id = ?")
        .params(
            repo.name(),
            repo.cloneUrl(),
            repo.apiUrl(),
            repo.tokenSecret(),
            repo.hookSecret(),
            repo.defaultBranch(),
            repo.approveForks(),
            repo.trusted(),
            repo.id())
        .update();
  }

  public boolean delete(long id) {
    return jdbc.sql("delete from repos where id = ?").param(id).update() > 0;
  }

  public Optional<Repo> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from repos where id = ?")
        .param(id)
        .query(RepoStore::repo)
        .optional();
  }

  public Optional<Repo> find(ForgeKind forge, String name) {
    return jdbc.sql("select " + COLUMNS + " from repos where forge = ? and name = ?")
        .params(forge.id(), name)
        .query(RepoStore::repo)
        .optional();
  }

  /** By forge and name. */
  public List<Repo> list() {
    return jdbc.sql("select " + COLUMNS + " from repos order by forge, name")
        .query(RepoStore::repo)
        .list();
  }

  /** Whether any repository is registered with a forge (not the git hook). */
  public boolean anyForge() {
    return jdbc.sql("select count(*) from repos where forge <> ?")
            .param(ForgeKind.GIT.id())
            .query(Long.class)
            .single()
        > 0;
  }

  private static Object[] values(Repo repo) {
    return new Object[] {
      repo.forge().id(),
      repo.name(),
      repo.cloneUrl(),
      repo.apiUrl(),
      repo.tokenSecret(),
      repo.hookSecret(),
      repo.defaultBranch(),
      repo.approveForks(),
      repo.trusted(),
      Timestamp.from(repo.createdAt())
    };
  }

  private static Repo repo(ResultSet rs, int row) throws SQLException {
    return new Repo(
        rs.getLong("id"),
        ForgeKind.of(rs.getString("forge")).orElseThrow(),
        rs.getString("name"),
        rs.getString("clone_url"),
        rs.getString("api_url"),
        rs.getString("token_secret"),
        rs.getString("hook_secret"),
        rs.getString("default_branch"),
        rs.getBoolean("approve_forks"),
        rs.getBoolean("trusted"),
        rs.getTimestamp("created_at").toInstant());
  }
}
