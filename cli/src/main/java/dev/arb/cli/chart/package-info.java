/**
 * Charts drawn by Java, for people who do not run the daemon: the chart model ({@link
 * dev.arb.daemon.ChartData}, the same the dashboard's {@code /aggregate} serves) turned into panels
 * ({@link dev.arb.cli.chart.Panels}), laid out once ({@link dev.arb.cli.chart.PanelLayout}) and
 * painted either as SVG (for self-contained HTML reports that need no script) or with Java2D into a
 * PNG. Files are written to a temporary file beside the target and moved into place.
 */
package dev.arb.cli.chart;
