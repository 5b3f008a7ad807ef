package dev.arb.cli.chart;

import java.util.Locale;

/**
 * Paints as SVG markup: presentation attributes only (no {@code style} attribute, no script), so a
 * page with a strict Content-Security-Policy shows it as it is.
 */
final class SvgPainter implements Painter {
  private final StringBuilder sb = new StringBuilder();

  SvgPainter(double width, double height, String label) {
    // inline in HTML: no namespace declaration needed (and no address in the file)
    sb.append("<svg viewBox=\"0 0 ")
        .append(n(width))
        .append(' ')
        .append(n(height))
        .append("\" width=\"")
        .append(n(width))
        .append("\" height=\"")
        .append(n(height))
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(label))
        .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, String stroke) {
    sb.append("<rect x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" width=\"")
        .append(n(w))
        .append("\" height=\"")
        .append(n(h))
        .append("\" fill=\"")
        .append(fill == null ? "none" : fill)
        .append('"');
    if (stroke != null) {
      sb.append(" stroke=\"").append(stroke).append('"');
    }
    sb.append("/>\n");
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
    sb.append("<path d=\"");
    for (int i = 0; i < xs.length; i++) {
      sb.append(i == 0 ? 'M' : 'L').append(n(xs[i])).append(' ').append(n(ys[i]));
    }
    sb.append("\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"")
        .append(n(width))
        .append('"');
    if (dashed) {
      sb.append(" stroke-dasharray=\"6 4\"");
    }
    sb.append(" stroke-linejoin=\"round\"/>\n");
  }

  @Override
  public void text(
      double x, double y, String text, Anchor anchor, double size, String color, boolean bold) {
    sb.append("<text x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" font-size=\"")
        .append(n(size))
        .append("\" fill=\"")
        .append(color)
        .append('"');
    if (anchor != Anchor.START) {
      sb.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
    }
    if (bold) {
      sb.append(" font-weight=\"bold\"");
    }
    sb.append('>').append(Html.escape(text)).append("</text>\n");
  }

  /** The finished {@code <svg>} element. */
  String finish() {
    return sb.append("</svg>\n").toString();
  }

  private static String n(double v) {
    long r = Math.round(v * 10);
    return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", r / 10.0);
  }
}
