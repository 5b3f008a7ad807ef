package dev.arb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.cli.TableFormatter.Column;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table and CSV formatting {@code arb history} prints with. */
class HistoryOutputTest {

  @Test
  void csvQuotesOnlyFieldsThatNeedItAndDoublesQuotes() {
    assertThat(CsvFormat.line(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, "")))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
  }

  @Test
  void tablePadsColumnsAlignsNumbersRightAndCutsLongCells() {
    String table =
        new TableFormatter(
                List.of(Column.right("id"), Column.left("name").max(8), Column.right("bp")))
            .row(List.of("7", "kraken", "1.50"))
            .row(List.of("12", "a-very-long-name", "12.25"))
            .render();
    assertThat(table)
        .isEqualTo("id  name         bp\n" + " 7  kraken     1.50\n" + "12  a-ver...  12.25\n");
  }

  @Test
  void tableKeepsEachRowOnOneLine() {
    String table =
        new TableFormatter(List.of(Column.left("reason")))
            .row(Arrays.asList("line one\nline two"))
            .row(Arrays.asList((String) null))
            .render();
    assertThat(table).isEqualTo("reason\nline one line two\n\n");
  }
}
