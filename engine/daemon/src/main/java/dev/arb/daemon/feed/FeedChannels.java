package dev.arb.daemon.feed;

import dev.arb.error.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Aeron channels and stream ids of a feed, and the checks on channels given by people. */
public final class FeedChannels {
  /** Stream id of the books and heartbeats. */
  public static final int DATA_STREAM = 1001;

  /** Stream id of the snapshot requests. */
  public static final int REQUEST_STREAM = 1002;

  private static final Pattern ENDPOINT = Pattern.compile("endpoint=([^|:]+):(\\d+)");

  private FeedChannels() {}

  /**
   * Checks a channel given as {@code option} ({@code aeron:udp?endpoint=HOST:PORT} or {@code
   * aeron:ipc}); returns it.
   *
   * @throws ConfigException naming the option and the accepted forms
   */
  public static String check(String channel, String option) {
    if (channel.equals("aeron:ipc") || channel.startsWith("aeron:ipc?")) {
      return channel;
    }
    if (channel.startsWith("aeron:udp?") && ENDPOINT.matcher(channel).find()) {
      return channel;
    }
    throw new ConfigException(
        option
            + " "
            + channel
            + " is not a feed channel; give aeron:udp?endpoint=HOST:PORT (the subscribing"
            + " engine's address) or aeron:ipc (one machine, one media driver)");
  }

  /**
   * Where a publisher on {@code data} takes snapshot requests when none is given: {@code aeron:ipc}
   * for IPC; on UDP to a loopback endpoint, the next port on the same address. Elsewhere the
   * publisher's own address is needed ({@code --requests}).
   *
   * @throws ConfigException when it cannot be derived
   */
  public static String defaultRequests(String data) {
    if (data.startsWith("aeron:ipc")) {
      return "aeron:ipc";
    }
    Matcher m = ENDPOINT.matcher(data);
    if (m.find()) {
      String host = m.group(1);
      int port = Integer.parseInt(m.group(2));
      if (loopback(host) && port < 65535) {
        return "aeron:udp?endpoint=" + host + ":" + (port + 1);
      }
    }
    throw new ConfigException(
        "feed: --publish "
            + data
            + " sends to another machine; give --requests aeron:udp?endpoint=THIS_HOST:PORT (an"
            + " address of this machine the engine can reach) so it can ask for snapshots");
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
