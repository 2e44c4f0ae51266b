package dev.fastci.server.ui.graph;

/**
 * A dependency arrow.
 *
 * @param path an SVG path {@code d} attribute: a cubic Bézier from the parent's right middle to the
 *     child's left middle
 */
public record DagEdge(String from, String to, String path) {}
