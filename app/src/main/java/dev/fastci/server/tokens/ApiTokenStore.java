package dev.fastci.server.tokens;

import dev.fastci.server.users.Role;
import dev.fastci.server.users.UserConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table: a token's SHA-256, never the token. */
@Repository
class ApiTokenStore {
  private final JdbcClient jdbc;

  ApiTokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A token found by its hash, with its user's role now. */
  record Found(
      String id,
      String user,
      String name,
      Role role,
      Role userRole,
      String hash,
      Instant expiresAt,
      Instant lastUsedAt) {}

  void insert(String user, TokenView token, String hash) {
    try {
      jdbc.sql(
              "insert into api_tokens (id, user_name, name, role, token_hash, created_at,"
                  + " expires_at) values (?, ?, ?, ?, ?, ?, ?)")
          .params(
              token.id(),
              user,
              token.name(),
              token.role().shown(),
              hash,
              ts(token.createdAt()),
              ts(token.expiresAt()))
          .update();
    } catch (DuplicateKeyException taken) {
      throw new UserConflictException(user + " has a token named " + token.name() + " already");
    }
  }

  List<TokenView> list(String user) {
    return jdbc.sql(
            "select id, name, role, created_at, expires_at, last_used_at from api_tokens"
                + " where user_name = ? order by created_at, name")
        .param(user)
        .query(
            (rs, i) ->
                new TokenView(
                    rs.getString("id"),
                    rs.getString("name"),
                    Role.parse(rs.getString("role"), "api_tokens.role"),
                    instant(rs, "created_at"),
                    instant(rs, "expires_at"),
                    instant(rs, "last_used_at")))
        .list();
  }

  Optional<Found> findByHash(String hash) {
    return jdbc.sql(
            "select t.id, t.user_name, t.name, t.role, u.role as user_role, t.token_hash,"
                + " t.expires_at, t.last_used_at from api_tokens t"
                + " join users u on u.name = t.user_name where t.token_hash = ?")
        .param(hash)
        .query(
            (rs, i) ->
                new Found(
                    rs.getString("id"),
                    rs.getString("user_name"),
                    rs.getString("name"),
                    Role.parse(rs.getString("role"), "api_tokens.role"),
                    Role.parse(rs.getString("user_role"), "users.role"),
                    rs.getString("token_hash"),
                    instant(rs, "expires_at"),
                    instant(rs, "last_used_at")))
        .optional();
  }

  /** The name of the user's token with this id, when there is one. */
  Optional<String> name(String user, String id) {
    return jdbc.sql("select name from api_tokens where user_name = ? and id = ?")
        .params(user, id)
        .query(String.class)
        .optional();
  }

  boolean delete(String user, String id) {
    return jdbc.sql("delete from api_tokens where user_name = ? and id = ?")
            .params(user, id)
            .update()
        > 0;
  }

  void touch(String id, Instant at) {
    jdbc.sql("update api_tokens set last_used_at = ? where id = ?").params(ts(at), id).update();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
