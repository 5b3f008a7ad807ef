package dev.arb.cli.chart;

/**
 * Where a panel is drawn: SVG text or a Java2D image. Coordinates are pixels from the top left;
 * colours are {@code #rrggbb}.
 */
interface Painter {

  /** How text sits on its point. */
  enum Anchor {
    START,
    MIDDLE,
    END
  }

  /** A rectangle; {@code fill} or {@code stroke} may be {@code null} for none. */
  void rect(double x, double y, double w, double h, String fill, String stroke);

  /** A line through the points. */
  void polyline(double[] xs, double[] ys, String color, double width, boolean dashed);

  /** One line of text with its baseline at {@code y}. */
  void text(
      double x, double y, String text, Anchor anchor, double size, String color, boolean bold);
}
