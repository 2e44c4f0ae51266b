package dev.fastci.server.ui.graph;

import java.util.List;

/**
 * A laid-out job graph; {@code width} and {@code height} cover every node.
 *
 * @param groups a box around the instances of each matrix job
 */
public record DagDrawing(
    double width, double height, List<DagNode> nodes, List<DagEdge> edges, List<DagGroup> groups) {}
