package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyncProgressBarTest {
  @Test
  void a_shorter_line_blanks_out_what_the_longer_one_before_it_left_on_the_terminal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SyncCommand.ProgressBar bar =
        new SyncCommand.ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8));
    bar.read("crm:contacts", 1_000_000);
    bar.read("crm:contacts", 5); // a much shorter line: fewer rows, a lower rate
    bar.done();

    // what a terminal shows: each \r goes back to the start of the line, and writes over it
    StringBuilder screen = new StringBuilder();
    int column = 0;
    for (char ch : out.toString(StandardCharsets.UTF_8).toCharArray()) {
      if (ch == '\r') {
        column = 0;
      } else if (ch != '\n') {
        if (column < screen.length()) {
          screen.setCharAt(column, ch);
        } else {
          screen.append(ch);
        }
        column++;
      }
    }
    assertThat(screen.toString().stripTrailing()).matches("crm:contacts +5 rows [0-9,]+ rows/s");
  }

  @Test
  void overwriting_pads_with_blanks_only_as_far_as_the_line_shown_before() {
    assertThat(SyncCommand.ProgressBar.overwrite("12 s left", 11)).isEqualTo("\r12 s left  ");
    assertThat(SyncCommand.ProgressBar.overwrite("120 s left", 9)).isEqualTo("\r120 s left");
  }
}
