package dev.arb.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people: a header row, then rows, columns padded to their widest cell and
 * separated by two spaces. Right-aligned columns suit numbers. Cells longer than a column's limit
 * are cut with {@code ...}.
 */
final class TableFormatter {

  /** One column: header, alignment and the longest cell shown (0 for no limit). */
  record Column(String header, boolean rightAligned, int maxWidth) {
    static Column left(String header) {
      return new Column(header, false, 0);
    }

    static Column right(String header) {
      return new Column(header, true, 0);
    }

    Column max(int width) {
      return new Column(header, rightAligned, width);
    }
  }

  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  TableFormatter(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Adds a row; {@code null} cells print empty. */
  TableFormatter row(List<String> cells) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.size() + " cells for " + columns.size() + " columns");
    }
    List<String> fitted = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      fitted.add(fit(cells.get(i), columns.get(i).maxWidth()));
    }
    rows.add(fitted);
    return this;
  }

  /** The table, one line per row (header first), each ending with a newline; no trailing blanks. */
  String render() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).header().length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, columns.stream().map(Column::header).toList(), widths);
    for (List<String> r : rows) {
      line(sb, r, widths);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        l.append("  ");
      }
      String c = cells.get(i);
      String pad = " ".repeat(widths[i] - c.length());
      l.append(columns.get(i).rightAligned() ? pad + c : c + pad);
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  private static String fit(String cell, int max) {
    String c = cell == null ? "" : cell.replace('\n', ' ').replace('\r', ' ');
    if (max > 3 && c.length() > max) {
      return c.substring(0, max - 3) + "...";
    }
    return c;
  }
}
