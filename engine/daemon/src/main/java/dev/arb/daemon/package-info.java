/**
 * The daemon behind {@code arb run}, one class per concern: {@link dev.arb.daemon.Daemon} starts it
 * and owns its parts; {@link dev.arb.daemon.ScanLoop} is the loop (feed update, scan, trade,
 * record); {@link dev.arb.daemon.Lifecycle} its states (starting, running, paused, stopping, kill
 * switch) and {@link dev.arb.daemon.Shutdown} how it stops (signals, the stop bound, the flush);
 * {@link dev.arb.daemon.AlertPolicy} what is alerted and how often, through webhook {@link
 * dev.arb.daemon.WebhookNotifier alerts}; {@link dev.arb.daemon.Routes} the {@link
 * dev.arb.daemon.HttpEndpoint HTTP} routes (served by {@link dev.arb.daemon.http}, with {@link
 * dev.arb.daemon.ClientBudgets per-client budgets}) and {@link dev.arb.daemon.StatusView} the
 * {@code /status} document; {@link dev.arb.daemon.ConfigReload} what SIGHUP reloads; Micrometer
 * {@link dev.arb.daemon.DaemonMetrics metrics}; the feeds ({@link dev.arb.daemon.ReplayFeed
 * replay}, {@link dev.arb.daemon.LiveFeed live}). Trading is {@link dev.arb.daemon.trade}. It knows
 * nothing of picocli nor of any adapter: the record store and the exchanges come in as ports, and
 * {@code RunCommand} wires them.
 */
package dev.arb.daemon;
