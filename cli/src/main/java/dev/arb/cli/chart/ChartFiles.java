package dev.arb.cli.chart;

import dev.arb.daemon.ChartData;
import dev.arb.error.ArbException;
import dev.arb.error.IoMessages;
import dev.arb.error.StorageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Chart files: the format an extension chooses, PNG and SVG drawing, and atomic writing. */
public final class ChartFiles {

  /** The formats a chart file can have, chosen by its extension. */
  public enum Format {
    PNG(".png"),
    HTML(".html");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The format {@code file}'s extension names (case-insensitive), if one does. */
    public static Optional<Format> of(Path file) {
      Path name = file.getFileName();
      String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        if (n.endsWith(f.extension) && n.length() > f.extension.length()) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    /** {@code .png or .html}, for messages. */
    public static String accepted() {
      return PNG.extension + " or " + HTML.extension;
    }
  }

  private ChartFiles() {}

  /** One panel as an {@code <svg>} element of {@code width} by {@code height}. */
  static String svg(Panel panel, int width, int height) {
    SvgPainter p = new SvgPainter(width, height, panel.title());
    PanelLayout.draw(p, panel, 0, 0, width, height);
    return p.finish();
  }

  /**
   * The panels of {@code c} stacked in a PNG image of {@code width} by {@code height} pixels under
   * a heading line, drawn headless.
   */
  public static byte[] png(ChartData.ChartJson c, String heading, int width, int height) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<Panel> panels = Panels.of(c);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ImagePainter p = new ImagePainter(image);
    try {
      double head = 36;
      p.rect(0, 0, width, height, PanelLayout.BACKGROUND, null);
      p.text(10, 24, heading, Painter.Anchor.START, 15, PanelLayout.TEXT, true);
      double each = (height - head) / panels.size();
      for (int i = 0; i < panels.size(); i++) {
        PanelLayout.draw(p, panels.get(i), 0, head + i * each, width, each);
      }
    } catch (RuntimeException | LinkageError | InternalError e) {
      // Java2D without fonts fails on the first text
      throw new ArbException(
          "cannot draw the PNG: "
              + e.getMessage()
              + " (are fonts installed? install fonts-dejavu-core, or write .html)",
          e);
    } finally {
      p.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new StorageException("cannot encode the PNG: " + IoMessages.of(e), e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code content} to {@code target}: to a temporary file in the same folder, then moved
   * into place, so {@code target} is either the old file or the whole new one.
   *
   * @throws StorageException naming the file when it cannot be written
   */
  public static void write(Path target, byte[] content) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StorageException(
          "cannot write " + target + ": the folder " + dir + " does not exist; create it first");
    }
    if (Files.isDirectory(abs)) {
      throw new StorageException("cannot write " + target + ": it is a folder; give a file name");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
      Files.write(tmp, content);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new StorageException(
          "cannot write "
              + target
              + ": "
              + IoMessages.of(e)
              + " (choose a folder you can write to)",
          e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the temporary file is hidden and harmless; the failure above is what matters
        }
      }
    }
  }
}
