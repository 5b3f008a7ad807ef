package dev.arb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.config.RunConfig;
import dev.arb.daemon.stream.StreamBench;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb bench stream}: tick-to-decision latency of the streaming runner, in process. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay a synthetic stream of book updates through the streaming runner at a fixed rate and"
          + " measure tick to decision (from an update's arrival in the event ring to the"
          + " decision made): p50, p99, p99.9 and max. The same updates are then handled by a"
          + " full re-scan per update (the graph updated in place, then a full negative-cycle"
          + " detection), at the same rate, for the ratio.",
      "",
      "The graph: --edges edges (two per market) on 5 exchanges; updates: most move a price by"
          + " well under 1 bp, 10 % are volatile, 0.2 % open cycles for a few updates. Both runs"
          + " follow a warm-up pass. Latencies include queueing: a runner slower than --rate falls"
          + " behind.",
      "",
      "The runner waits as arb.run.wait = spin does (--wait): it keeps a core of its own and the"
          + " decision stage (search on a copy, sizing) runs at idle priority; --wait phased"
          + " measures the daemon's default (spin 20 µs, yield, then sleep).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb bench stream",
      "  arb bench stream --edges 1000 --updates 20000 --rate 5000 --json",
      "  arb bench stream --wait phased"
    })
final class BenchStreamCommand extends BaseCommand {

  @Option(
      names = "--edges",
      paramLabel = "N",
      description = "Edges of the synthetic graph (two per market). Default: 10000.")
  int edges = 10_000;

  @Option(
      names = "--updates",
      paramLabel = "N",
      description = "Updates measured per run. Default: 100000.")
  int updates = 100_000;

  @Option(names = "--rate", paramLabel = "R", description = "Updates per second. Default: 10000.")
  int rate = 10_000;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic stream.")
  long seed = 17;

  @Option(
      names = "--wait",
      paramLabel = "HOW",
      description =
          "How the runner waits for updates, as arb.run.wait: spin (a core of its own) or phased"
              + " (the daemon's default). Default: spin.")
  String wait = "spin";

  @Option(names = "--json", description = "Print JSON (snake_case keys, decimal strings).")
  boolean json;

  @Override
  protected int execute() throws JsonProcessingException {
    StreamBench.Settings settings;
    try {
      settings = new StreamBench.Settings(edges, updates, rate, seed, waitOption());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("bench stream: " + e.getMessage());
    }
    if (!json) {
      err()
          .printf(
              Locale.ROOT,
              "arb bench stream: %,d updates at %,d/s on %,d edges, twice (about %d s)...%n",
              updates,
              rate,
              edges,
              Math.max(1, 2L * updates / rate));
      err().flush();
    }
    StreamBench.Result r = StreamBench.run(settings);
    if (json) {
      out().println(Json.pretty(json(r)));
      return ExitCode.OK;
    }
    out()
        .printf(
            Locale.ROOT,
            "%,d updates at %,d/s, %,d edges (%,d markets on 5 exchanges); runner wait: %s,"
                + " decision stage at %s priority%n",
            updates,
            rate,
            edges,
            r.markets(),
            waitName(r),
            r.stages().stageIdle() ? "idle" : "normal");
    out()
        .println(
            "tick to decision (µs)          p50       p99     p99.9       max   runner p50"
                + "       p99       max");
    row("incremental", r.incremental());
    row("full re-scan per update", r.fullRescan());
    out().printf(Locale.ROOT, "ratio at p50: %.1fx%n", r.ratioP50());
    out()
        .printf(
            Locale.ROOT,
            "decisions with opportunities: %,d; full runs of the detector: %,d%n",
            r.decisions(),
            r.fullRuns());
    StreamBench.Stages st = r.stages();
    out()
        .printf(
            Locale.ROOT,
            "flagged updates: %,d handed to the decision stage (%,d searched there on a copy,"
                + " %,d on the runner); hand-off to the runner p50 %.2f µs; runner per flagged"
                + " update p50 %.2f µs, max %.2f µs;"
                + " thread CPU: decision stage %.1f ms, publisher %.1f ms%n",
            st.handedOver(),
            st.searchedOnStage(),
            st.searchedOnRunner(),
            st.handOffP50Us(),
            st.runnerFlaggedP50Us(),
            st.runnerFlaggedMaxUs(),
            st.stageCpuMs(),
            st.publisherCpuMs());
    return ExitCode.OK;
  }

  private RunConfig.Wait waitOption() {
    for (RunConfig.Wait w : RunConfig.Wait.values()) {
      if (w.name().equalsIgnoreCase(wait.trim())) {
        return w;
      }
    }
    throw new ConfigException("bench stream: --wait must be spin or phased, got '" + wait + "'");
  }

  private static String waitName(StreamBench.Result r) {
    return r.settings().runnerWait().name().toLowerCase(Locale.ROOT);
  }

  private void row(String name, StreamBench.Latencies l) {
    out()
        .printf(
            Locale.ROOT,
            "%-24s %9.2f %9.2f %9.2f %9.2f %12.2f %9.2f %9.2f%n",
            name,
            l.p50Us(),
            l.p99Us(),
            l.p999Us(),
            l.maxUs(),
            l.serviceP50Us(),
            l.serviceP99Us(),
            l.serviceMaxUs());
  }

  static ObjectNode json(StreamBench.Result r) {
    ObjectNode n = Json.nodes().objectNode();
    n.put("edges", r.settings().edges());
    n.put("markets", r.markets());
    n.put("updates", r.settings().updates());
    n.put("rate", r.settings().rate());
    n.put("wait", waitName(r));
    latencies(n.putObject("incremental"), r.incremental());
    latencies(n.putObject("full_rescan"), r.fullRescan());
    n.put("ratio_p50", decimal(r.ratioP50()));
    n.put("decisions", r.decisions());
    n.put("full_runs", r.fullRuns());
    ObjectNode st = n.putObject("stages");
    st.put("handed_over", r.stages().handedOver());
    st.put("searched_on_stage", r.stages().searchedOnStage());
    st.put("searched_on_runner", r.stages().searchedOnRunner());
    st.put("hand_off_p50_us", decimal(r.stages().handOffP50Us()));
    st.put("runner_flagged_p50_us", decimal(r.stages().runnerFlaggedP50Us()));
    st.put("runner_flagged_max_us", decimal(r.stages().runnerFlaggedMaxUs()));
    st.put("stage_cpu_ms", decimal(r.stages().stageCpuMs()));
    st.put("publisher_cpu_ms", decimal(r.stages().publisherCpuMs()));
    st.put("stage_idle_priority", r.stages().stageIdle());
    return n;
  }

  private static void latencies(ObjectNode n, StreamBench.Latencies l) {
    n.put("count", l.count());
    n.put("p50_us", decimal(l.p50Us()));
    n.put("p99_us", decimal(l.p99Us()));
    n.put("p999_us", decimal(l.p999Us()));
    n.put("max_us", decimal(l.maxUs()));
    n.put("runner_p50_us", decimal(l.serviceP50Us()));
    n.put("runner_p99_us", decimal(l.serviceP99Us()));
    n.put("runner_max_us", decimal(l.serviceMaxUs()));
  }

  private static String decimal(double v) {
    return new java.math.BigDecimal(v)
        .setScale(3, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }
}
