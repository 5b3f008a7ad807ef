package dev.arb.cli;

import java.util.List;

/**
 * CSV as RFC 4180 has it: comma-separated fields, CRLF line ends, and a field quoted (with inner
 * quotes doubled) when it contains a comma, a quote, CR or LF. {@code null} is an empty field.
 */
final class CsvFormat {
  private CsvFormat() {}

  /** One record line, CRLF included. */
  static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(fields.get(i)));
    }
    return sb.append("\r\n").toString();
  }

  /** One field, quoted if it needs to be. */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
