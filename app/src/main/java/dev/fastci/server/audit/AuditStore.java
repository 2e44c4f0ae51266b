package dev.fastci.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log's table. Append-only: there is no update, and the only delete is the retention's of
 * entries older than {@code fastci.retention.audit}.
 */
@Repository
public class AuditStore {
  static final int MAX_TEXT = 4000;

  private final JdbcClient jdbc;

  public AuditStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void append(AuditEntry entry) {
    jdbc.sql(
            "insert into audit_log (at, actor, token, address, action, target, run_id, outcome,"
                + " detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Timestamp.from(entry.at()),
            cut(entry.user(), 64),
            cut(entry.token(), 100),
            cut(entry.address(), 100),
            entry.action(),
            cut(entry.target(), 400),
            entry.runId(),
            entry.outcome(),
            cut(entry.detail(), MAX_TEXT))
        .update();
  }

  /** Newest first. */
  public List<AuditEntry> find(AuditQuery query, int limit, int offset) {
    List<Object> params = new ArrayList<>();
    String where = where(query, params);
    params.add(limit);
    params.add(offset);
    return jdbc.sql(
            "select id, at, actor, token, address, action, target, run_id, outcome, detail"
                + " from audit_log"
                + where
                + " order by at desc, id desc limit ? offset ?")
        .params(params)
        .query(AuditStore::entry)
        .list();
  }

  public long count(AuditQuery query) {
    List<Object> params = new ArrayList<>();
    String where = where(query, params);
    return jdbc.sql("select count(*) from audit_log" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  /** Drops the entries from before {@code cutoff}; returns how many. */
  int deleteBefore(Instant cutoff) {
    return jdbc.sql("delete from audit_log where at < ?").param(Timestamp.from(cutoff)).update();
  }

  private static String where(AuditQuery query, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (query.user() != null) {
      clauses.add("actor = ?");
      params.add(query.user());
    }
    if (query.action() != null) {
      clauses.add("action = ?");
      params.add(query.action());
    }
    if (query.since() != null) {
      clauses.add("at >= ?");
      params.add(Timestamp.from(query.since()));
    }
    if (query.runId() != null) {
      clauses.add("run_id = ?");
      params.add(query.runId());
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("actor"),
        rs.getString("token"),
        rs.getString("address"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("run_id"),
        rs.getString("outcome"),
        rs.getString("detail"));
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
