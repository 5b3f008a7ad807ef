package dev.arb.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into its instructions, by the rules of the Dockerfile reference: comment lines
 * dropped, lines ending in a backslash joined, one keyword per instruction; stages start at {@code
 * FROM}; {@code ${NAME}} of a global {@code ARG} is replaced by its default.
 */
final class Dockerfiles {

  /** One instruction: its keyword in upper case and the rest of it. */
  record Instruction(String keyword, String args) {}

  /** One stage: its image (ARG defaults applied), its name ({@code AS name}) and instructions. */
  record Stage(String image, String name, List<Instruction> instructions) {
    List<String> all(String keyword) {
      return instructions.stream()
          .filter(i -> i.keyword().equals(keyword))
          .map(Instruction::args)
          .toList();
    }
  }

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Dockerfiles() {}

  static List<Instruction> instructions(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (cur.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (cur.length() > 0 && t.startsWith("#")) {
        continue; // comment inside a continued instruction
      }
      if (t.endsWith("\\")) {
        cur.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      cur.append(t);
      String s = cur.toString().strip();
      cur.setLength(0);
      int sp = s.indexOf(' ');
      out.add(
          new Instruction(
              (sp < 0 ? s : s.substring(0, sp)).toUpperCase(Locale.ROOT),
              sp < 0 ? "" : s.substring(sp + 1).strip()));
    }
    if (cur.length() > 0) {
      throw new IllegalArgumentException("the Dockerfile ends inside a continued line");
    }
    return out;
  }

  static List<Stage> stages(String text) {
    Map<String, String> globalArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    for (Instruction i : instructions(text)) {
      if (i.keyword().equals("FROM")) {
        String[] w = i.args().split("\\s+");
        String image = substitute(w[0], globalArgs);
        String name = w.length >= 3 && w[1].equalsIgnoreCase("AS") ? w[2] : null;
        current = new ArrayList<>();
        stages.add(new Stage(image, name, current));
      } else if (current == null) {
        if (!i.keyword().equals("ARG")) {
          throw new IllegalArgumentException("only ARG may come before the first FROM");
        }
        String[] kv = i.args().split("=", 2);
        globalArgs.put(kv[0], kv.length > 1 ? kv[1] : "");
      } else {
        current.add(i);
      }
    }
    return stages;
  }

  private static String substitute(String s, Map<String, String> args) {
    Matcher m = VAR.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(args.getOrDefault(m.group(1), "")));
    }
    m.appendTail(b);
    return b.toString();
  }
}
