package dev.arb.engine.sample;

import dev.arb.engine.model.MarketSnapshot;
import dev.arb.engine.source.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The snapshot shipped inside arb: Binance.US top of book for 45 markets at 2023-03-02 15:36 UTC,
 * from the MO-book (Postek et al., <i>Hands-On Mathematical Optimization with Python</i>, notebook
 * 4.5, MIT; {@code LICENSE.MO-book} beside the resource), converted to arb's snapshot format with
 * exchange {@code binanceus} and taker fee 0, as the source states. At zero fees it holds real
 * opportunities (best simple cycle 14.774 bp at length 7).
 */
public final class SampleSnapshot {
  /** Classpath location of the sample. */
  public static final String RESOURCE = "/dev/arb/engine/sample/binanceus-2023-03-02.snapshot.json";

  /** The {@link MarketSnapshot#source()} of the sample. */
  public static final String SOURCE =
      "sample: Binance.US top of book 2023-03-02 15:36 UTC (MO-book, MIT), fees 0";

  private SampleSnapshot() {}

  /** Loads the sample; it is part of the jar, so failing to load it is a packaging bug. */
  public static MarketSnapshot load() {
    try (InputStream in = SampleSnapshot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("sample snapshot " + RESOURCE + " is missing from the jar");
      }
      return SnapshotJson.read(in, SOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample snapshot " + RESOURCE, e);
    }
  }
}
