/**
 * The daemon behind {@code arb run}: the {@link dev.arb.cli.daemon.Lifecycle lifecycle} (starting,
 * running, paused, stopping, kill switch), the replay {@link dev.arb.cli.daemon.SnapshotFeed feed},
 * the scan loop writing through one long-lived batch writer, the HTTP status/control {@link
 * dev.arb.cli.daemon.HttpEndpoint endpoint}, Micrometer {@link dev.arb.cli.daemon.DaemonMetrics
 * metrics} and webhook {@link dev.arb.cli.daemon.WebhookNotifier alerts}. It knows nothing of
 * picocli: {@code RunCommand} builds a {@link dev.arb.cli.daemon.Daemon} and runs it.
 */
package dev.arb.cli.daemon;
