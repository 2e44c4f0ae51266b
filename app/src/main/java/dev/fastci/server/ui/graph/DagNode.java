package dev.fastci.server.ui.graph;

import java.util.List;

/**
 * A job placed in the drawing. Coordinates are SVG user units; {@code (x, y)} is the top-left
 * corner.
 *
 * @param label what the node shows: the job's display name, shortened to fit
 * @param status the lowercase job status, for CSS classes
 * @param column the job's depth: the length of the longest path from a root
 * @param row the position within the column, from the top
 */
public record DagNode(
    String name,
    String label,
    String status,
    int column,
    int row,
    double x,
    double y,
    double width,
    double height,
    List<String> parents,
    List<String> children) {}
