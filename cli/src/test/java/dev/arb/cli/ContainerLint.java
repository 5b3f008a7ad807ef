package dev.arb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules the shipped Dockerfile and compose.yaml must keep, as a list of problems (empty: all
 * kept), so the same checks can be shown to catch a broken file.
 */
final class ContainerLint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Names of variables that hold secrets: never given a value in the image or compose file. */
  static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|WEBHOOK|PRIVATE|RPC_URL).*");

  /**
   * What the image must be built from and run as.
   *
   * @param port the default HTTP port ({@code arb.http.port})
   * @param jar the jar the Maven build makes, relative to the repository ({@code
   *     cli/target/arb.jar})
   * @param launcher the launcher script in the repository the runtime copies
   */
  record Expected(int port, String jar, String launcherJar, String dataDir) {}

  private ContainerLint() {}

  static List<String> dockerfile(String text, Expected e) {
    List<String> p = new ArrayList<>();
    List<Dockerfiles.Stage> stages = Dockerfiles.stages(text);
    if (stages.size() < 2) {
      p.add("not multi-stage: " + stages.size() + " stage(s)");
      return p;
    }
    Dockerfiles.Stage build =
        stages.stream()
            .filter(s -> s.image().contains("maven") && s.image().contains("17"))
            .findFirst()
            .orElse(null);
    Dockerfiles.Stage run = stages.get(stages.size() - 1);
    if (build == null || build.name() == null) {
      p.add("no named build stage FROM a Maven image with Java 17");
    } else {
      boolean packages =
          build.all("RUN").stream()
              .anyMatch(r -> r.contains("mvn ") && r.contains(" package") && r.contains("-pl cli"));
      if (!packages) {
        p.add("the build stage does not run mvn ... package -pl cli");
      }
      String workdir = build.all("WORKDIR").stream().reduce((a, b) -> b).orElse("/");
      String builtJar = workdir.replaceAll("/$", "") + "/" + e.jar();
      boolean copied =
          run.all("COPY").stream()
              .anyMatch(
                  c ->
                      c.startsWith("--from=" + build.name() + " ")
                          && c.contains(" " + builtJar + " ")
                          && c.endsWith(" " + e.launcherJar()));
      if (!copied) {
        p.add(
            "the runtime does not copy "
                + builtJar
                + " from stage "
                + build.name()
                + " to "
                + e.launcherJar());
      }
    }
    if (!(run.image().contains("jre") && run.image().contains("17"))
        || run.image().contains("maven")) {
      p.add("the runtime stage is not a Java 17 JRE image: " + run.image());
    }
    List<String> users = run.all("USER");
    String user = users.isEmpty() ? "root" : users.get(users.size() - 1).split(":")[0];
    if (user.equals("root") || user.equals("0")) {
      p.add("the runtime runs as root");
    }
    List<String> hc = run.all("HEALTHCHECK");
    if (hc.size() != 1
        || !hc.get(0).contains("/health ")
        || !hc.get(0).contains("${ARB_HTTP_PORT:-" + e.port() + "}")) {
      p.add("no HEALTHCHECK of /health on port " + e.port());
    }
    if (!run.all("EXPOSE").contains(String.valueOf(e.port()))) {
      p.add("EXPOSE is not " + e.port());
    }
    String env = String.join(" ", run.all("ENV"));
    for (String need :
        List.of(
            "ARB_HTTP_PORT=" + e.port(), "ARB_HTTP_HOST=0.0.0.0", "ARB_DATA_DIR=" + e.dataDir())) {
      if (!env.contains(need)) {
        p.add("ENV lacks " + need);
      }
    }
    if (run.all("VOLUME").stream().noneMatch(v -> v.contains("\"" + e.dataDir() + "\""))) {
      p.add("no VOLUME for " + e.dataDir());
    }
    List<String> command = new ArrayList<>();
    command.addAll(jsonArray(run.all("ENTRYPOINT")));
    command.addAll(jsonArray(run.all("CMD")));
    if (!command.equals(List.of("/usr/local/bin/arb", "run"))) {
      p.add("the container does not run arb run: " + command);
    }
    for (Dockerfiles.Stage s : stages) {
      for (Dockerfiles.Instruction i : s.instructions()) {
        if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
          for (String w : i.args().split("\\s+")) {
            String name = w.split("=", 2)[0];
            if (SECRET_NAME.matcher(name).matches()) {
              p.add(i.keyword() + " " + name + " puts a secret into the image");
            }
          }
        }
      }
    }
    return p;
  }

  private static List<String> jsonArray(List<String> args) {
    if (args.isEmpty()) {
      return List.of();
    }
    try {
      JsonNode a = JSON.readTree(args.get(args.size() - 1));
      List<String> out = new ArrayList<>();
      a.forEach(x -> out.add(x.asText()));
      return out;
    } catch (Exception x) {
      return List.of("(not exec form) " + args.get(args.size() - 1));
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> compose(Map<String, Object> yaml, Expected e, Duration shutdownTimeout) {
    List<String> p = new ArrayList<>();
    Map<String, Object> services = (Map<String, Object>) yaml.get("services");
    if (services == null || !services.containsKey("arb")) {
      p.add("no service arb");
      return p;
    }
    Map<String, Object> arb = (Map<String, Object>) services.get("arb");
    if (!".".equals(arb.get("build"))) {
      p.add("the service is not built from this repository (build: .)");
    }
    List<Object> ports = (List<Object>) arb.getOrDefault("ports", List.of());
    if (ports.isEmpty()) {
      p.add("no port published");
    }
    for (Object port : ports) {
      String s = String.valueOf(port);
      if (!s.startsWith("127.0.0.1:")) {
        p.add("port " + s + " is not bound to 127.0.0.1");
      }
      if (!s.endsWith(":" + e.port())) {
        p.add("port " + s + " does not reach the container's " + e.port());
      }
    }
    List<Object> volumes = (List<Object>) arb.getOrDefault("volumes", List.of());
    boolean data =
        volumes.stream()
            .map(String::valueOf)
            .anyMatch(v -> v.matches("[A-Za-z0-9_-]+:" + Pattern.quote(e.dataDir())));
    if (!data) {
      p.add("no named volume on " + e.dataDir());
    }
    Object env = arb.get("environment");
    if (env instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (SECRET_NAME.matcher(String.valueOf(k)).matches()
                && v != null
                && !String.valueOf(v).matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
              p.add("environment " + k + " is written inline; use env_file or ${" + k + "}");
            }
          });
    } else if (env instanceof List<?> l) {
      for (Object o : l) {
        String[] kv = String.valueOf(o).split("=", 2);
        if (SECRET_NAME.matcher(kv[0]).matches() && kv.length > 1) {
          p.add("environment " + kv[0] + " is written inline; use env_file or ${" + kv[0] + "}");
        }
      }
    }
    if (arb.get("env_file") == null) {
      p.add("no env_file for the secrets");
    }
    Object grace = arb.get("stop_grace_period");
    if (grace == null || seconds(String.valueOf(grace)) <= shutdownTimeout.toSeconds()) {
      p.add(
          "stop_grace_period "
              + grace
              + " does not exceed arb.run.shutdown-timeout ("
              + shutdownTimeout.toSeconds()
              + "s)");
    }
    return p;
  }

  private static long seconds(String s) {
    if (s.endsWith("m")) {
      return Long.parseLong(s.substring(0, s.length() - 1)) * 60;
    }
    return Long.parseLong(s.replaceAll("s$", ""));
  }
}
