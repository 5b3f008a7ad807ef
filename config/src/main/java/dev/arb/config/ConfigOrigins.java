package dev.arb.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

/** Where a value came from, in words a person reads; and safe lookups in a HOCON tree. */
public final class ConfigOrigins {

  /** Origin description of values set from command-line options. */
  public static final String COMMAND_LINE = "command line";

  /** Origin description prefix of values set from {@code ARB_*} environment overrides. */
  public static final String ENVIRONMENT = "environment ";

  private ConfigOrigins() {}

  /**
   * A short origin: {@code /etc/arb/arb.conf line 12}, {@code environment ARB_HTTP_PORT}, {@code
   * command line} or {@code default}.
   */
  public static String describe(ConfigOrigin origin) {
    if (origin == null || origin.resource() != null) {
      return "default";
    }
    if (origin.filename() != null) {
      return origin.lineNumber() > 0
          ? origin.filename() + " line " + origin.lineNumber()
          : origin.filename();
    }
    String d = origin.description();
    if (d.startsWith(ENVIRONMENT) || d.startsWith(COMMAND_LINE)) {
      return d;
    }
    return "default";
  }

  /**
   * The origin as the end of a problem message: {@code in /etc/arb/arb.conf line 12}, {@code from
   * environment ARB_HTTP_PORT}, {@code from command line}, {@code in the defaults}.
   */
  public static String where(ConfigOrigin origin) {
    if (origin != null && origin.resource() == null && origin.filename() != null) {
      return "in " + describe(origin);
    }
    String d = describe(origin);
    return d.equals("default") ? "in the defaults" : "from " + d;
  }

  /**
   * The value at a dotted {@code path} (keys must not contain dots), or {@code null} when it or one
   * of its parents is absent or not an object. Unlike {@code Config.getValue} this never throws,
   * and it returns HOCON {@code null} values rather than hiding them.
   */
  public static ConfigValue lookup(ConfigObject root, String path) {
    ConfigValue v = root;
    for (String key : path.split("\\.", -1)) {
      if (v == null || v.valueType() != ConfigValueType.OBJECT) {
        return null;
      }
      v = ((ConfigObject) v).get(key);
    }
    return v;
  }
}
