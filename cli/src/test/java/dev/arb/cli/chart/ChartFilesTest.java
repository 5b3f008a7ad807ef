package dev.arb.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.daemon.ChartData;
import dev.arb.engine.record.OpportunityStatus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartFilesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T14:00:00Z");

  /** Two hours of records: USD trades gaining, BTC trades losing, some rejected. */
  private static ChartData.ChartJson chart() {
    List<ChartData.Point> points = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Instant at = T0.plusSeconds(60L * i + 7);
      points.add(
          new ChartData.Point(
              at,
              OpportunityStatus.EXECUTED,
              "USD",
              new BigDecimal("0.25"),
              new BigDecimal("0.2")));
      if (i % 3 == 0) {
        points.add(
            new ChartData.Point(
                at,
                OpportunityStatus.FAILED,
                "BTC",
                new BigDecimal("0.00001"),
                new BigDecimal("-0.00002")));
      }
      points.add(new ChartData.Point(at, OpportunityStatus.REJECTED, "USD", BigDecimal.ONE, null));
    }
    return ChartData.ofPoints(
        points,
        true,
        List.of(T0.plusSeconds(3_000)),
        Optional.empty(),
        Optional.of(T0),
        T0.plusSeconds(7_199));
  }

  private static boolean near(int rgb, int colour) {
    return Math.abs(((rgb >> 16) & 0xff) - ((colour >> 16) & 0xff)) < 40
        && Math.abs(((rgb >> 8) & 0xff) - ((colour >> 8) & 0xff)) < 40
        && Math.abs((rgb & 0xff) - (colour & 0xff)) < 40;
  }

  private static int count(BufferedImage img, int x0, int y0, int x1, int y1, int colour) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        n += near(img.getRGB(x, y) & 0xffffff, colour) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void pngHasTheRequestedSizeAndDrawsTheSeriesInsideThePlotAreas() throws Exception {
    ChartData.ChartJson c = chart();
    byte[] png = ChartFiles.png(c, "test", 1000, 836);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img.getWidth()).isEqualTo(1000);
    assertThat(img.getHeight()).isEqualTo(836);
    // four panels (found, USD, BTC, trades) of 200 px under a 36 px heading
    assertThat(Panels.of(c)).hasSize(4);
    int realized = 0x116329;
    int expected = 0x0550ae;
    // the USD panel: 236..436; its plot area from x 78 to 980, y 282 to 406
    assertThat(count(img, 79, 283, 979, 405, realized)).isGreaterThan(300);
    assertThat(count(img, 79, 283, 979, 405, expected)).isGreaterThan(150);
    // nothing of the series in the right margin or below the time axis labels
    assertThat(count(img, 985, 236, 1000, 436, realized)).isZero();
    // the BTC panel (436..636) falls: realized drawn, in its own area
    assertThat(count(img, 79, 483, 979, 605, realized)).isGreaterThan(100);
    // white where nothing is drawn: the heading line right of its text
    assertThat(count(img, 600, 0, 1000, 30, 0xffffff)).isEqualTo(400 * 30);
  }

  @Test
  void svgChartsAreSeriesPathsWithTheExactTotalsInTheirLegends() {
    ChartData.ChartJson c = chart();
    String html = new Html("t").charts(c).render();
    Matcher svgs = Pattern.compile("<svg ").matcher(html);
    int n = 0;
    while (svgs.find()) {
      n++;
    }
    assertThat(n).isEqualTo(4);
    // 120 executed USD trades of 0.25 expected / 0.2 realized, 40 failed BTC ones
    assertThat(html).contains(">expected: 30 USD</text>").contains(">realized: 24 USD</text>");
    assertThat(html)
        .contains(">expected: 0.0004 BTC</text>")
        .contains(">realized: -0.0008 BTC</text>");
    assertThat(html).contains(">executed: 120</text>").contains(">rejected: 120</text>");
    assertThat(html).contains(">dead letters: 1</text>");
    // the series: one point per minute bucket, 120 of them
    Matcher series =
        Pattern.compile("<path d=\"(M[^\"]+)\" fill=\"none\" stroke=\"#116329\" stroke-width=\"2\"")
            .matcher(html);
    assertThat(series.find()).isTrue();
    assertThat(series.group(1).split("L")).hasSize(120);
    assertThat(html).contains("2026-12-07 14:00").contains("2026-12-07 15:59");
    assertThat(html).doesNotContain("<script").doesNotContain("style=\"");
  }

  @Test
  void axisStepsAreRoundAndLabelledWithTheDecimalsTheyNeed() {
    assertThat(labels(Ticks.of(-0.0008, 0.0004, false, 5)))
        .containsExactly("-0.0010", "-0.0005", "0.0000", "0.0005");
    assertThat(labels(Ticks.of(-0.0008, 0.0004, false, 7)))
        .containsExactly("-0.0008", "-0.0006", "-0.0004", "-0.0002", "0.0000", "0.0002", "0.0004");
    Ticks counts = Ticks.of(0, 3, true, 8);
    assertThat(counts.step()).isEqualTo(1);
    assertThat(counts.label(3)).isEqualTo("3");
    assertThat(Ticks.of(0, 12_345, false, 5).label(1)).isEqualTo("5,000");
    assertThat(PanelLayout.time(T0.getEpochSecond(), 60)).isEqualTo("2026-12-07 14:00");
    assertThat(PanelLayout.time(T0.getEpochSecond(), 86_400)).isEqualTo("2026-12-07");
  }

  private static List<String> labels(Ticks t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.count(); i++) {
      out.add(t.label(i));
    }
    return out;
  }

  @Test
  void theExtensionChoosesTheFormat() {
    assertThat(ChartFiles.Format.of(Path.of("a/b.png"))).contains(ChartFiles.Format.PNG);
    assertThat(ChartFiles.Format.of(Path.of("B.HTML"))).contains(ChartFiles.Format.HTML);
    assertThat(ChartFiles.Format.of(Path.of("b.jpg"))).isEmpty();
    assertThat(ChartFiles.Format.of(Path.of(".png"))).isEmpty();
    assertThat(ChartFiles.Format.of(Path.of("png"))).isEmpty();
  }
}
