package dev.arb.cli.chart;

import dev.arb.daemon.ChartData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A self-contained HTML report: headings, paragraphs, tables and charts drawn as inline SVG. No
 * script and no request for anything outside the file: it opens from {@code file://} offline. Its
 * Content-Security-Policy allows nothing but its own style sheet (by hash).
 */
public final class Html {
  private static final String CSS =
      String.join(
          "\n",
          "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1f2328;margin:1.5rem;"
              + "max-width:1400px;line-height:1.4}",
          "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}",
          "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}",
          "th{white-space:nowrap}",
          "th,td{padding:.25rem .6rem;border-bottom:1px solid #d0d7de;text-align:left;"
              + "vertical-align:top}",
          "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}",
          ".muted{color:#57606a}",
          "figure{margin:1rem 0}svg{width:100%;height:auto;max-width:1100px;"
              + "border:1px solid #d0d7de}",
          ".scroll{overflow-x:auto}",
          "");

  private final String title;
  private final List<String> parts = new ArrayList<>();

  /** A page titled {@code title}. */
  public Html(String title) {
    this.title = title;
    parts.add("<h1>" + escape(title) + "</h1>\n");
  }

  /** A section heading. */
  public Html heading(String text) {
    parts.add("<h2>" + escape(text) + "</h2>\n");
    return this;
  }

  /** A paragraph of text. */
  public Html paragraph(String text) {
    parts.add("<p>" + escape(text) + "</p>\n");
    return this;
  }

  /** A muted note. */
  public Html note(String text) {
    parts.add("<p class=\"muted\">" + escape(text) + "</p>\n");
    return this;
  }

  /**
   * A table; columns in {@code numeric} are right-aligned.
   *
   * @param id the table's id, for readers and tests
   */
  public Html table(String id, List<String> head, List<List<String>> rows, Set<Integer> numeric) {
    StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table id=\"");
    sb.append(escape(id)).append("\">\n<thead><tr>");
    for (int i = 0; i < head.size(); i++) {
      sb.append("<th scope=\"col\"")
          .append(numeric.contains(i) ? " class=\"num\"" : "")
          .append('>')
          .append(escape(head.get(i)))
          .append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        sb.append("<td")
            .append(numeric.contains(i) ? " class=\"num\"" : "")
            .append('>')
            .append(escape(row.get(i)))
            .append("</td>");
      }
      sb.append("</tr>\n");
    }
    parts.add(sb.append("</tbody></table></div>\n").toString());
    return this;
  }

  /** The charts of {@code c}, one figure per panel, as the dashboard shows them. */
  public Html charts(ChartData.ChartJson c) {
    StringBuilder sb = new StringBuilder("<div class=\"charts\">\n");
    for (Panel p : Panels.of(c)) {
      sb.append("<figure>\n").append(ChartFiles.svg(p, 1000, 300)).append("</figure>\n");
    }
    parts.add(sb.append("</div>\n").toString());
    return this;
  }

  /** The whole document. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'sha256-")
        .append(sha256(CSS))
        .append("'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    parts.forEach(sb::append);
    return sb.append("</body>\n</html>\n").toString();
  }

  /** {@code text} safe inside an element or a quoted attribute. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
