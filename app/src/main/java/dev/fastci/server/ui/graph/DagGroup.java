package dev.fastci.server.ui.graph;

/**
 * The box drawn around the instances of one matrix job, in SVG user units ({@code (x, y)} is the
 * top-left corner).
 */
public record DagGroup(String name, double x, double y, double width, double height) {}
