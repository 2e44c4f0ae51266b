package dev.fastci.server.ui.graph;

import java.util.List;

/** A laid-out job graph; {@code width} and {@code height} cover every node. */
public record DagDrawing(double width, double height, List<DagNode> nodes, List<DagEdge> edges) {}
