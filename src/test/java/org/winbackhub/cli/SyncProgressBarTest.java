package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncProgressBarTest {
  /** What a terminal shows: each \r goes back to the start of the line and writes over it. */
  static String screen(String printed) {
    StringBuilder screen = new StringBuilder();
    StringBuilder line = new StringBuilder();
    int column = 0;
    for (char ch : printed.toCharArray()) {
      if (ch == '\r') {
        column = 0;
      } else if (ch == '\n') {
        screen.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        column = 0;
      } else {
        if (column < line.length()) {
          line.setCharAt(column, ch);
        } else {
          line.append(ch);
        }
        column++;
      }
    }
    return screen.append(line.toString().stripTrailing()).toString();
  }

  @Test
  void each_stream_ends_on_its_own_line_with_its_last_count_and_nothing_left_of_longer_lines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SyncProgressBar bar =
        new SyncProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), 100);
    bar.read("crm:contacts", 1_000_000);
    bar.read("crm:contacts", 5); // a much shorter count
    bar.total("crm:orders", 400);
    bar.read("crm:orders", 400);
    bar.done();

    String[] lines = screen(out.toString(StandardCharsets.UTF_8)).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith("crm:contacts")
        .contains(" 5/? rows")
        .doesNotContain("1,000,000");
    assertThat(lines[1]).startsWith("crm:orders").contains("100%").contains("400/400 rows");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
  }

  @Test
  void without_a_terminal_nothing_is_drawn() {
    SyncProgressBar bar = new SyncProgressBar(null, 100);
    bar.total("crm:contacts", 10);
    bar.read("crm:contacts", 10);
    bar.done(); // log lines only (every 10 s): nothing to draw, nothing to close
  }
}
