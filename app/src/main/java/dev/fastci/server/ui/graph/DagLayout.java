package dev.fastci.server.ui.graph;

import dev.fastci.server.runs.JobView;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out a job graph in columns: a job's column is its depth, the length of the longest path from
 * a root. Within a column, jobs are ordered by the mean row of their parents, then by input order.
 */
public final class DagLayout {

  public static final double NODE_WIDTH = 170;
  public static final double NODE_HEIGHT = 36;
  public static final double COLUMN_GAP = 70;
  public static final double ROW_GAP = 18;
  public static final double MARGIN = 10;
  private static final int MAX_LABEL = 24;

  private DagLayout() {}

  /** Lays out {@code jobs}, an acyclic graph; parents that are not in the list are ignored. */
  public static DagDrawing layout(List<JobView> jobs) {
    if (jobs.isEmpty()) {
      return new DagDrawing(0, 0, List.of(), List.of(), List.of());
    }
    int n = jobs.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.putIfAbsent(jobs.get(i).name(), i);
    }
    List<List<Integer>> parents = parentIndices(jobs, index);
    List<List<Integer>> children = childIndices(parents);
    int[] depth = depths(parents, children);
    int[] row = rows(depth, parents);

    List<DagNode> nodes = new ArrayList<>(n);
    int columns = 0;
    int rows = 0;
    for (int i = 0; i < n; i++) {
      JobView job = jobs.get(i);
      columns = Math.max(columns, depth[i] + 1);
      rows = Math.max(rows, row[i] + 1);
      nodes.add(
          new DagNode(
              job.name(),
              label(job),
              status(job),
              depth[i],
              row[i],
              MARGIN + depth[i] * (NODE_WIDTH + COLUMN_GAP),
              MARGIN + row[i] * (NODE_HEIGHT + ROW_GAP),
              NODE_WIDTH,
              NODE_HEIGHT,
              names(jobs, parents.get(i)),
              names(jobs, children.get(i))));
    }
    return new DagDrawing(
        2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP,
        2 * MARGIN + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP,
        List.copyOf(nodes),
        edges(nodes, parents),
        DagGroups.of(jobs, nodes));
  }

  /** Long names are cut to fit the node; its title shows the whole. */
  private static String label(JobView job) {
    String name = job.displayName() == null ? job.name() : job.displayName();
    return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "…";
  }

  private static List<List<Integer>> parentIndices(List<JobView> jobs, Map<String, Integer> index) {
    List<List<Integer>> parents = new ArrayList<>(jobs.size());
    for (JobView job : jobs) {
      LinkedHashSet<Integer> known = new LinkedHashSet<>();
      if (job.parents() != null) {
        for (String parent : job.parents()) {
          Integer p = index.get(parent);
          if (p != null) {
            known.add(p);
          }
        }
      }
      parents.add(List.copyOf(known));
    }
    return parents;
  }

  private static List<List<Integer>> childIndices(List<List<Integer>> parents) {
    List<List<Integer>> children = new ArrayList<>(parents.size());
    for (int i = 0; i < parents.size(); i++) {
      children.add(new ArrayList<>());
    }
    for (int i = 0; i < parents.size(); i++) {
      for (int p : parents.get(i)) {
        children.get(p).add(i);
      }
    }
    return children;
  }

  /** Longest path from a root, computed in topological order (Kahn's algorithm). */
  private static int[] depths(List<List<Integer>> parents, List<List<Integer>> children) {
    int n = parents.size();
    int[] depth = new int[n];
    int[] waiting = new int[n];
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      waiting[i] = parents.get(i).size();
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int job = ready.poll();
      for (int child : children.get(job)) {
        depth[child] = Math.max(depth[child], depth[job] + 1);
        if (--waiting[child] == 0) {
          ready.add(child);
        }
      }
    }
    return depth;
  }

  /** Rows column by column: by the mean row of the parents (already placed), then input order. */
  private static int[] rows(int[] depth, List<List<Integer>> parents) {
    int n = depth.length;
    List<List<Integer>> columns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      while (columns.size() <= depth[i]) {
        columns.add(new ArrayList<>());
      }
      columns.get(depth[i]).add(i);
    }
    int[] row = new int[n];
    double[] meanParentRow = new double[n];
    for (List<Integer> column : columns) {
      for (int job : column) {
        meanParentRow[job] = parents.get(job).stream().mapToInt(p -> row[p]).average().orElse(0);
      }
      column.sort(Comparator.comparingDouble((Integer job) -> meanParentRow[job]));
      for (int r = 0; r < column.size(); r++) {
        row[column.get(r)] = r;
      }
    }
    return row;
  }

  private static List<DagEdge> edges(List<DagNode> nodes, List<List<Integer>> parents) {
    List<DagEdge> edges = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      DagNode child = nodes.get(i);
      for (int p : parents.get(i)) {
        DagNode parent = nodes.get(p);
        edges.add(new DagEdge(parent.name(), child.name(), path(parent, child)));
      }
    }
    return List.copyOf(edges);
  }

  private static String path(DagNode from, DagNode to) {
    double x1 = from.x() + from.width();
    double y1 = from.y() + from.height() / 2;
    double x2 = to.x();
    double y2 = to.y() + to.height() / 2;
    double bend = (x2 - x1) / 2;
    return "M%s %s C%s %s, %s %s, %s %s"
        .formatted(
            num(x1), num(y1), num(x1 + bend), num(y1), num(x2 - bend), num(y2), num(x2), num(y2));
  }

  private static String num(double value) {
    return BigDecimal.valueOf(Math.round(value * 10) / 10.0).stripTrailingZeros().toPlainString();
  }

  private static List<String> names(List<JobView> jobs, List<Integer> indices) {
    return indices.stream().map(i -> jobs.get(i).name()).toList();
  }

  static String status(JobView job) {
    return job.status() == null ? "unknown" : job.status().name().toLowerCase(Locale.ROOT);
  }
}
