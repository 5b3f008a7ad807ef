package dev.arb.cli.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Paints with Java2D into an image (headless). */
final class ImagePainter implements Painter {
  private final Graphics2D g;

  ImagePainter(BufferedImage image) {
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, String stroke) {
    Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
    if (fill != null) {
      g.setColor(Color.decode(fill));
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(Color.decode(stroke));
      g.setStroke(new BasicStroke(1f));
      g.draw(r);
    }
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < xs.length; i++) {
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
    }
    g.setColor(Color.decode(color));
    g.setStroke(
        dashed
            ? new BasicStroke(
                (float) width,
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_ROUND,
                10f,
                new float[] {6f, 4f},
                0f)
            : new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  @Override
  public void text(
      double x, double y, String text, Anchor anchor, double size, String color, boolean bold) {
    g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size)));
    FontMetrics m = g.getFontMetrics();
    int w = m.stringWidth(text);
    double left =
        switch (anchor) {
          case START -> x;
          case MIDDLE -> x - w / 2.0;
          case END -> x - w;
        };
    g.setColor(Color.decode(color));
    g.drawString(text, (float) left, (float) y);
  }

  void dispose() {
    g.dispose();
  }
}
