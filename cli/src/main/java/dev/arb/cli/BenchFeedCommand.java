package dev.arb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.daemon.feed.FeedBench;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.OrderBook;
import dev.arb.engine.sample.SampleSnapshot;
import dev.arb.error.ConfigException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arb bench feed}: publish → dequeued latency, Aeron UDP loopback vs in-process. */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure publish to dequeued latency of a book in one run, two ways: put straight into the"
          + " event ring (in-process delivery, as a local WebSocket feed does) and sent over Aeron"
          + " UDP on 127.0.0.1 by an 'arb feed' publisher to an 'arb run --subscribe' subscriber"
          + " (embedded media driver). The bundled sample's real books are sent in turn at --rate"
          + " per second after a warm-up; p50, p99, p99.9 and max.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  arb bench feed",
      "  arb bench feed --updates 50000 --rate 5000 --json"
    })
final class BenchFeedCommand extends BaseCommand {

  @Option(
      names = "--updates",
      paramLabel = "N",
      description = "Books measured per way. Default: 20000.")
  int updates = 20_000;

  @Option(names = "--rate", paramLabel = "R", description = "Books per second. Default: 2000.")
  int rate = 2_000;

  @Option(names = "--json", description = "Print JSON (snake_case keys).")
  boolean json;

  @Override
  protected int execute() throws Exception {
    if (updates < 1 || rate < 1) {
      throw new ConfigException("bench feed: --updates and --rate must be at least 1");
    }
    List<OrderBook> books = SampleSnapshot.load().books();
    if (!json) {
      err()
          .printf(
              Locale.ROOT,
              "arb bench feed: %,d books at %,d/s, in process then over UDP (about %d s)...%n",
              updates,
              rate,
              Math.max(1, 2L * updates / rate));
      err().flush();
    }
    FeedBench.Result r = FeedBench.run(books, updates, rate);
    if (json) {
      ObjectNode n = Json.nodes().objectNode();
      n.put("updates", r.updates());
      n.put("rate", r.rate());
      latencies(n.putObject("in_process"), r.inProcess());
      latencies(n.putObject("udp_loopback"), r.udp());
      out().println(Json.pretty(n));
      return ExitCode.OK;
    }
    out().println("publish to dequeued (µs)        count       p50       p99     p99.9       max");
    row("in process", r.inProcess());
    row("Aeron UDP 127.0.0.1", r.udp());
    return ExitCode.OK;
  }

  private void row(String name, FeedBench.Latencies l) {
    out()
        .printf(
            Locale.ROOT,
            "%-26s %10d %9.2f %9.2f %9.2f %9.2f%n",
            name,
            l.count(),
            l.p50Us(),
            l.p99Us(),
            l.p999Us(),
            l.maxUs());
  }

  private static void latencies(ObjectNode n, FeedBench.Latencies l) {
    n.put("count", l.count());
    n.put("p50_us", l.p50Us());
    n.put("p99_us", l.p99Us());
    n.put("p999_us", l.p999Us());
    n.put("max_us", l.maxUs());
  }
}
