package dev.fastci.server.ui.graph;

import dev.fastci.server.runs.JobView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Boxes around the instances of each matrix job that share one column of the drawing. */
final class DagGroups {
  static final double PADDING = 6;

  private DagGroups() {}

  static List<DagGroup> of(List<JobView> jobs, List<DagNode> nodes) {
    Map<String, List<DagNode>> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      String group = jobs.get(i).group();
      if (group != null) {
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(nodes.get(i));
      }
    }
    List<DagGroup> groups = new ArrayList<>();
    byGroup.forEach(
        (name, members) -> {
          if (members.stream().map(DagNode::column).distinct().count() != 1) {
            return; // instances with parents of their own would not share a column
          }
          double top = members.stream().mapToDouble(DagNode::y).min().orElse(0);
          double bottom = members.stream().mapToDouble(n -> n.y() + n.height()).max().orElse(0);
          DagNode first = members.get(0);
          groups.add(
              new DagGroup(
                  name,
                  first.x() - PADDING,
                  top - PADDING,
                  first.width() + 2 * PADDING,
                  bottom - top + 2 * PADDING));
        });
    return List.copyOf(groups);
  }
}
