package dev.fastci.server.users;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table of the run store. */
@Repository
public class UserStore {
  private final JdbcClient jdbc;

  public UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A user with the hash of their password. */
  public record StoredUser(String name, Role role, String passwordHash) {}

  void insert(String name, Role role, String passwordHash, Instant createdAt) {
    try {
      jdbc.sql("insert into users (name, role, password_hash, created_at) values (?, ?, ?, ?)")
          .params(name, role.shown(), passwordHash, Timestamp.from(createdAt))
          .update();
    } catch (DuplicateKeyException taken) {
      throw new UserConflictException("user " + name + " exists already");
    }
  }

  public Optional<StoredUser> find(String name) {
    return jdbc.sql("select name, role, password_hash from users where name = ?")
        .param(name)
        .query(
            (rs, i) ->
                new StoredUser(
                    rs.getString("name"),
                    Role.parse(rs.getString("role"), "users.role"),
                    rs.getString("password_hash")))
        .optional();
  }

  public List<UserAccount> list() {
    return jdbc.sql("select name, role, created_at from users order by name")
        .query(
            (rs, i) ->
                new UserAccount(
                    rs.getString("name"),
                    Role.parse(rs.getString("role"), "users.role"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  public long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  long countWithRole(Role role) {
    return jdbc.sql("select count(*) from users where role = ?")
        .param(role.shown())
        .query(Long.class)
        .single();
  }

  void setRole(String name, Role role) {
    jdbc.sql("update users set role = ? where name = ?").params(role.shown(), name).update();
  }

  void setPasswordHash(String name, String passwordHash) {
    jdbc.sql("update users set password_hash = ? where name = ?")
        .params(passwordHash, name)
        .update();
  }

  /** Deletes the user and, by the foreign key, their tokens. */
  boolean delete(String name) {
    return jdbc.sql("delete from users where name = ?").param(name).update() > 0;
  }
}
