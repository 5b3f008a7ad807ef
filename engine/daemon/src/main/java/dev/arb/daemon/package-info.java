/**
 * The daemon behind {@code arb run}: the {@link dev.arb.daemon.Lifecycle lifecycle} (starting,
 * running, paused, stopping, kill switch), the replay {@link dev.arb.daemon.SnapshotFeed feed}, the
 * scan loop writing through one long-lived batch writer, the HTTP status/control {@link
 * dev.arb.daemon.HttpEndpoint endpoint}, Micrometer {@link dev.arb.daemon.DaemonMetrics metrics}
 * and webhook {@link dev.arb.daemon.WebhookNotifier alerts}. It knows nothing of picocli: {@code
 * RunCommand} builds a {@link dev.arb.daemon.Daemon} and runs it.
 */
package dev.arb.daemon;
