package org.winbackhub.intake.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a delimited file record by record: what one broken line costs, and what it does not. */
class CsvRecordsTest {
  static final List<String> COLUMNS = List.of("card_id", "first_name", "type");

  static List<CsvRecords.Record> read(String text, CsvRecords.Limits limits) throws IOException {
    CsvRecords csv = new CsvRecords(new StringReader(text), ',', COLUMNS, limits);
    List<CsvRecords.Record> out = new ArrayList<>();
    for (CsvRecords.Record r = csv.next(); r != null; r = csv.next()) {
      out.add(r);
    }
    return out;
  }

  static List<CsvRecords.Record> read(String text) throws IOException {
    return read(text, CsvRecords.Limits.DEFAULT);
  }

  static List<String> good(List<CsvRecords.Record> records) {
    return records.stream()
        .filter(r -> !r.broken())
        .map(r -> r.line() + ":" + String.join("|", r.values()))
        .toList();
  }

  @Test
  void an_unclosed_quote_in_the_middle_costs_its_line_and_reading_resumes_at_the_next()
      throws Exception {
    List<CsvRecords.Record> records =
        read("C1,Ana,visit\nC2,Blas,visit\nC3,\"Carla,visit\nC4,Dario,visit\nC5,Eva,visit\n");

    assertThat(good(records))
        .containsExactly("1:C1|Ana|visit", "2:C2|Blas|visit", "4:C4|Dario|visit", "5:C5|Eva|visit");
    CsvRecords.Record broken = records.get(2);
    assertThat(broken.line()).isEqualTo(3);
    assertThat(broken.problem())
        .isEqualTo(
            "row: the quote opened in column 2 (first_name) is not closed before the end of the"
                + " file");
    assertThat(broken.raw()).isEqualTo("C3,\"Carla,visit");
  }

  @Test
  void a_quote_that_a_later_quoted_value_seems_to_close_costs_only_its_own_line() throws Exception {
    List<CsvRecords.Record> records =
        read("C1,\"Ana,visit\nC2,Blas,visit\nC3,\"Cano, Carla\",visit\nC4,Dario,visit\n");

    assertThat(good(records))
        .containsExactly("2:C2|Blas|visit", "3:C3|Cano, Carla|visit", "4:C4|Dario|visit");
    assertThat(records.get(0).line()).isEqualTo(1);
    assertThat(records.get(0).problem())
        .isEqualTo(
            "row: the quote opened in column 2 (first_name) is not closed on its line"
                + " (the quote on line 3 that would close it is followed by text)");
  }

  @Test
  void a_quote_closed_lines_later_with_the_wrong_column_count_costs_only_its_first_line()
      throws Exception {
    List<CsvRecords.Record> records = read("C1,\"Ana,visit\nC2,Blas\",visit,x\nC3,Carla,visit\n");

    assertThat(good(records)).containsExactly("3:C3|Carla|visit");
    assertThat(records.get(0).problem())
        .isEqualTo(
            "row: expected 3 columns, found 4 (a quote in column 2 (first_name) runs on to line"
                + " 2)");
    assertThat(records.get(1).line()).as("the next line is read again on its own").isEqualTo(2);
    assertThat(records.get(1).problem()).isEqualTo("row: expected 3 columns, found 4");
  }

  @Test
  void a_quote_left_open_is_given_up_after_the_line_limit_and_no_line_after_it_is_lost()
      throws Exception {
    StringBuilder text = new StringBuilder("C0,\"Open,visit\n");
    for (int i = 1; i <= 50; i++) {
      text.append("C").append(i).append(",Name").append(i).append(",visit\n");
    }
    List<CsvRecords.Record> records = read(text.toString(), new CsvRecords.Limits(10_000, 5));

    assertThat(records.get(0).problem())
        .isEqualTo("row: the quote opened in column 2 (first_name) is not closed within 5 lines");
    assertThat(good(records))
        .hasSize(50)
        .startsWith("2:C1|Name1|visit")
        .endsWith("51:C50|Name50|visit");
  }

  @Test
  void a_line_with_the_wrong_column_count_is_rejected_with_its_values() throws Exception {
    List<CsvRecords.Record> records = read("C1,Ana\nC2,Blas,visit,extra\nC3,Carla,visit\n");

    assertThat(records.get(0).problem()).isEqualTo("row: expected 3 columns, found 2");
    assertThat(records.get(0).values()).containsExactly("C1", "Ana");
    assertThat(records.get(1).problem()).isEqualTo("row: expected 3 columns, found 4");
    assertThat(good(records)).containsExactly("3:C3|Carla|visit");
  }

  @Test
  void an_absurdly_long_line_is_skipped_unread_and_the_next_lines_are_taken() throws Exception {
    String huge = "C2," + "x".repeat(1_000_000) + ",visit";
    List<CsvRecords.Record> records =
        read("C1,Ana,visit\n" + huge + "\nC3,Carla,visit\n", new CsvRecords.Limits(200, 10));

    assertThat(good(records)).containsExactly("1:C1|Ana|visit", "3:C3|Carla|visit");
    assertThat(records.get(1).line()).isEqualTo(2);
    assertThat(records.get(1).problem())
        .isEqualTo("row: line longer than 200 characters; not read");
    assertThat(records.get(1).raw()).hasSize(200);
  }

  @Test
  void an_over_long_line_inside_an_open_quote_ends_the_quote_and_is_rejected_on_its_own()
      throws Exception {
    String huge = "C2," + "x".repeat(500) + ",visit";
    List<CsvRecords.Record> records =
        read("C1,\"Ana,visit\n" + huge + "\nC3,Carla,visit\n", new CsvRecords.Limits(200, 10));

    assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).problem()).endsWith("is not closed before an over-long line");
    assertThat(records.get(1).problem()).startsWith("row: line longer than 200");
    assertThat(good(records)).containsExactly("3:C3|Carla|visit");
  }

  @Test
  void crlf_and_cr_line_ends_blank_lines_and_a_quoted_name_over_two_lines_are_read_as_written()
      throws Exception {
    List<CsvRecords.Record> records =
        read(
            "C1,\"Ana\r\n"
                + "María\",visit\r\n\r\n"
                + "C2, \"O\"\"Brien, Blas\" ,visit\r\n"
                + "C3,Carla,visit\r"
                + "C4,,visit\r\n");

    assertThat(records).noneMatch(CsvRecords.Record::broken);
    assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1L, 4L, 5L, 6L);
    assertThat(records.get(0).values()).containsExactly("C1", "Ana\nMaría", "visit");
    assertThat(records.get(1).values()).containsExactly("C2", "O\"Brien, Blas", "visit");
    assertThat(records.get(3).values()).containsExactly("C4", "", "visit");
  }

  @Test
  void text_after_a_closing_quote_on_the_same_line_is_named_so() throws Exception {
    assertThat(read("C1,\"Ana\"x,visit\n").get(0).problem())
        .isEqualTo("row: text after the closing quote of column 2 (first_name)");
  }

  @Test
  void a_quote_inside_an_unquoted_value_is_a_character_like_any_other() throws Exception {
    assertThat(good(read("C1,O\"Neil,visit\n"))).containsExactly("1:C1|O\"Neil|visit");
  }

  @Test
  void a_tab_delimited_file_keeps_its_empty_values() throws Exception {
    CsvRecords csv =
        new CsvRecords(new StringReader("C1\t\tvisit\n"), '\t', COLUMNS, CsvRecords.Limits.DEFAULT);
    assertThat(csv.next().values()).containsExactly("C1", "", "visit");
  }
}
