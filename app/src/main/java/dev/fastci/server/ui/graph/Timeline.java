package dev.fastci.server.ui.graph;

import java.util.List;

/**
 * The jobs of a run on one time axis, in input order.
 *
 * @param total the time from the first start to the last end; empty when no job started
 */
public record Timeline(List<TimelineBar> bars, String total) {}
