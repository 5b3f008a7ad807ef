package dev.arb.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads typed values out of the merged HOCON tree and collects every problem instead of stopping at
 * the first. Each getter records the path as known (for the unknown-key check), returns the value
 * or {@code null}/empty when it is absent or bad, and on a bad value adds one problem of the form
 * {@code config: KEY must be ALLOWED, got VALUE (in FILE line N)}. Secret references are checked
 * without ever echoing their value.
 */
final class ConfigReader {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_SHOWN = 80;

  private final ConfigObject root;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> openContainers = new HashSet<>();
  private final Set<String> reported = new HashSet<>();

  ConfigReader(ConfigObject root) {
    this.root = root;
  }

  List<String> problems() {
    return problems;
  }

  /** Adds a problem in the standard form for the value at {@code path}. */
  void problem(String path, ConfigValue v, String allowed) {
    if (reported.add(path)) {
      problems.add(
          "config: "
              + path
              + " must be "
              + allowed
              + ", got "
              + show(v)
              + " ("
              + ConfigOrigins.where(v.origin())
              + ")");
    }
  }

  /** Adds a problem {@code config: PATH TEXT (WHERE)} that does not show the value. */
  void note(String path, ConfigOrigin origin, String text) {
    if (reported.add(path)) {
      problems.add("config: " + path + " " + text + " (" + ConfigOrigins.where(origin) + ")");
    }
  }

  /** Marks {@code path} as a map whose children have free names (such as exchange names). */
  void openContainer(String path) {
    openContainers.add(path);
    known.add(path + ".*");
  }

  /** The value at {@code path}, or null if absent; reports parents that are not objects. */
  ConfigValue value(String path) {
    known.add(path);
    ConfigValue v = root;
    StringBuilder at = new StringBuilder();
    for (String key : path.split("\\.", -1)) {
      if (v.valueType() != ConfigValueType.OBJECT) {
        problem(at.toString(), v, "an object { ... }");
        return null;
      }
      v = ((ConfigObject) v).get(key);
      if (v == null) {
        return null;
      }
      at.append(at.length() == 0 ? "" : ".").append(key);
    }
    return v;
  }

  private static boolean isNull(ConfigValue v) {
    return v == null || v.valueType() == ConfigValueType.NULL;
  }

  /** A whole number in {@code [min, max]}; null if absent or bad. */
  Long integer(String path, long min, long max, String allowed) {
    ConfigValue v = value(path);
    if (v == null) {
      return null;
    }
    BigDecimal d = decimalOf(v);
    if (d == null || d.stripTrailingZeros().scale() > 0) {
      problem(path, v, allowed);
      return null;
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      problem(path, v, allowed);
      return null;
    }
    return d.longValueExact();
  }

  /** An int in {@code [min, max]}; {@code min} when absent or bad (then a problem is reported). */
  int intIn(String path, int min, int max, String allowed) {
    Long l = integer(path, min, max, allowed);
    return l == null ? min : l.intValue();
  }

  /** A decimal number (HOCON number or numeric string); null if absent, HOCON null or bad. */
  BigDecimal decimal(
      String path, BigDecimal min, BigDecimal max, boolean minExclusive, String allowed) {
    ConfigValue v = value(path);
    if (isNull(v)) {
      return null;
    }
    BigDecimal d = decimalOf(v);
    if (d == null
        || (min != null && (minExclusive ? d.compareTo(min) <= 0 : d.compareTo(min) < 0))
        || (max != null && d.compareTo(max) > 0)) {
      problem(path, v, allowed);
      return null;
    }
    return d;
  }

  /** A number; 0 if absent or bad. */
  double number(String path, String allowed) {
    ConfigValue v = value(path);
    if (v == null) {
      return 0;
    }
    BigDecimal d = decimalOf(v);
    if (d == null) {
      problem(path, v, allowed);
      return 0;
    }
    return d.doubleValue();
  }

  private static BigDecimal decimalOf(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      // As a string HOCON gives the number as written (0.123456789012345678 stays exact).
      return parseDecimal(ConfigFactory.empty().withValue("n", v).getString("n"));
    }
    if (v.valueType() == ConfigValueType.STRING) {
      return parseDecimal(((String) v.unwrapped()).trim());
    }
    return null;
  }

  private static BigDecimal parseDecimal(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** true/false (also yes/no, on/off as strings). */
  boolean bool(String path, boolean absent) {
    ConfigValue v = value(path);
    if (v == null) {
      return absent;
    }
    if (v.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      switch (((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on":
          return true;
        case "false", "no", "off":
          return false;
        default:
          break;
      }
    }
    problem(path, v, "true or false");
    return absent;
  }

  /** A non-blank string, or null when absent or HOCON null and {@code nullable}. */
  String string(String path, boolean nullable, String allowed) {
    ConfigValue v = value(path);
    if (isNull(v)) {
      if (!nullable && v != null) {
        problem(path, v, allowed);
      }
      return null;
    }
    if ((v.valueType() == ConfigValueType.STRING
            || v.valueType() == ConfigValueType.NUMBER
            || v.valueType() == ConfigValueType.BOOLEAN)
        && !String.valueOf(v.unwrapped()).isBlank()) {
      return String.valueOf(v.unwrapped()).trim();
    }
    problem(path, v, allowed);
    return null;
  }

  /** One of {@code choices} (case-insensitive), returned as written in {@code choices}. */
  String choice(String path, List<String> choices, String allowed) {
    ConfigValue v = value(path);
    if (v != null && v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim();
      for (String c : choices) {
        if (c.equalsIgnoreCase(s)) {
          return c;
        }
      }
    }
    if (v != null) {
      problem(path, v, allowed);
    }
    return null;
  }

  /** A path, or null when absent or HOCON null. */
  Path path(String path, boolean nullable) {
    String s = string(path, nullable, "a file system path");
    if (s == null) {
      return null;
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      problem(path, value(path), "a file system path");
      return null;
    }
  }

  /** A URL with one of {@code schemes} and a host, or null when absent or HOCON null. */
  String url(String path, List<String> schemes) {
    String allowed =
        "a URL starting with " + String.join(", ", schemes.stream().map(s -> s + "://").toList());
    String s = string(path, true, allowed);
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      if (u.getScheme() != null
          && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
          && u.getHost() != null) {
        return s;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problem(path, value(path), allowed);
    return null;
  }

  /**
   * A duration (HOCON duration string such as {@code 200ms} or {@code 5s}, or a number of
   * milliseconds) at least {@code min} (more than {@code min} when {@code minExclusive}).
   */
  Duration duration(
      String path, Duration min, boolean minExclusive, boolean nullable, String allowed) {
    ConfigValue v = value(path);
    if (isNull(v)) {
      if (!nullable && v != null) {
        problem(path, v, allowed);
      }
      return null;
    }
    Duration d;
    try {
      d = ConfigFactory.empty().withValue("d", v).getDuration("d");
    } catch (com.typesafe.config.ConfigException e) {
      problem(path, v, allowed);
      return null;
    }
    int c = d.compareTo(min);
    if (c < 0 || (minExclusive && c == 0)) {
      problem(path, v, allowed);
      return null;
    }
    return d;
  }

  /** A list of strings each matching {@code element}; empty when absent. */
  List<String> stringList(String path, Pattern element, String allowed) {
    ConfigValue v = value(path);
    if (v == null) {
      return List.of();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problem(path, v, allowed);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue e : (ConfigList) v) {
      if (e.valueType() != ConfigValueType.STRING
          || !element.matcher(((String) e.unwrapped()).trim()).matches()) {
        problem(path, e, allowed);
        return List.of();
      }
      out.add(((String) e.unwrapped()).trim());
    }
    return out;
  }

  /**
   * A reference to where a secret is kept: {@code { env = "VAR" }} or {@code { file = "PATH" }}.
   * Anything else is a problem whose message never contains the value, since a person who wrote a
   * plain string here most likely pasted the secret itself.
   */
  Optional<SecretRef> secret(String path) {
    ConfigValue v = value(path);
    if (isNull(v)) {
      return Optional.empty();
    }
    String shape = "{ env = \"VARIABLE\" } or { file = \"PATH\" }";
    if (v.valueType() != ConfigValueType.OBJECT) {
      note(
          path,
          v.origin(),
          "must say where the secret is kept, "
              + shape
              + ", never the secret itself; the value given is not shown");
      return Optional.empty();
    }
    ConfigObject o = (ConfigObject) v;
    Set<String> extra = new TreeSet<>(o.keySet());
    extra.remove("env");
    extra.remove("file");
    if (!extra.isEmpty()) {
      note(
          path,
          v.origin(),
          "must be "
              + shape
              + "; unknown key(s) "
              + String.join(", ", extra)
              + " (values not shown)");
      return Optional.empty();
    }
    ConfigValue env = o.get("env");
    ConfigValue file = o.get("file");
    if (env != null && file != null) {
      // HOCON merges objects: { file = ... } in a config file over the default { env = ... }
      // holds both. The one the user wrote wins.
      boolean envDefault = ConfigOrigins.describe(env.origin()).equals("default");
      boolean fileDefault = ConfigOrigins.describe(file.origin()).equals("default");
      if (envDefault && !fileDefault) {
        env = null;
      } else if (fileDefault && !envDefault) {
        file = null;
      }
    }
    if ((env == null) == (file == null)) {
      note(path, v.origin(), "must be " + shape + ", exactly one of env and file");
      return Optional.empty();
    }
    if (env != null) {
      if (env.valueType() != ConfigValueType.STRING
          || !ENV_NAME.matcher((String) env.unwrapped()).matches()) {
        note(
            path + ".env",
            env.origin(),
            "must be the name of an environment variable (letters, digits and _), not a secret;"
                + " the value given is not shown");
        return Optional.empty();
      }
      return Optional.of(new SecretRef.Env((String) env.unwrapped()));
    }
    if (file.valueType() != ConfigValueType.STRING || ((String) file.unwrapped()).isBlank()) {
      note(
          path + ".file",
          file.origin(),
          "must be the path of a file; the value given is not shown");
      return Optional.empty();
    }
    try {
      return Optional.of(new SecretRef.File(Path.of((String) file.unwrapped())));
    } catch (InvalidPathException e) {
      note(
          path + ".file",
          file.origin(),
          "must be the path of a file; the value given is not shown");
      return Optional.empty();
    }
  }

  /** The value rendered for a message, shortened. */
  static String show(ConfigValue v) {
    if (v == null) {
      return "nothing";
    }
    String s = v.render(ConfigRenderOptions.concise());
    return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
  }

  /**
   * Reports every key under {@code arb} (and every top-level key other than {@code arb}) that no
   * getter asked for, with a suggestion when one known key is close.
   */
  void reportUnknownKeys() {
    for (String top : new TreeSet<>(root.keySet())) {
      ConfigValue v = root.get(top);
      if (top.equals("arb")) {
        if (v.valueType() == ConfigValueType.OBJECT) {
          walk((ConfigObject) v, "arb");
        }
      } else if (isUserValue(v)) {
        String hint = suggestion("arb", top).map(s -> "; did you mean " + s + "?").orElse("");
        note(top, v.origin(), "is not a known key; every setting lives under arb { }" + hint);
      }
    }
  }

  private static boolean isUserValue(ConfigValue v) {
    ConfigOrigin o = v.origin();
    String d = ConfigOrigins.describe(o);
    return !d.equals("default");
  }

  private void walk(ConfigObject obj, String prefix) {
    for (String key : new TreeSet<>(obj.keySet())) {
      String path = prefix + "." + key;
      ConfigValue v = obj.get(key);
      boolean container =
          openContainers.contains(prefix) || openContainers.contains(path) || isContainer(path);
      if (container) {
        if (v.valueType() == ConfigValueType.OBJECT && !reported.contains(path)) {
          walk((ConfigObject) v, path);
        }
        continue;
      }
      if (known.contains(path)) {
        continue;
      }
      String hint =
          suggestion(prefix, key)
              .map(s -> "; did you mean " + s + "?")
              .orElseGet(() -> "; known keys here: " + String.join(", ", children(prefix)));
      note(path, v.origin(), "is not a known key" + hint);
    }
  }

  private boolean isContainer(String path) {
    String p = path + ".";
    for (String k : known) {
      if (k.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private Set<String> children(String prefix) {
    Set<String> out = new TreeSet<>();
    String p = prefix + ".";
    for (String k : known) {
      if (k.startsWith(p)) {
        String rest = k.substring(p.length());
        int dot = rest.indexOf('.');
        String c = dot < 0 ? rest : rest.substring(0, dot);
        if (!c.equals("*")) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The closest known sibling of {@code key} under {@code prefix}, else a known key elsewhere. */
  private Optional<String> suggestion(String prefix, String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : children(prefix)) {
      int d = distance(normal(key), normal(c));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, key.length() / 4)) {
      return Optional.of(prefix + "." + best);
    }
    for (String k : known) {
      String last = k.substring(k.lastIndexOf('.') + 1);
      if (!k.contains("*") && distance(normal(key), normal(last)) <= 1) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
