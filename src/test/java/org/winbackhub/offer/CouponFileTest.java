package org.winbackhub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.config.ConfigException;

/** A file of codes the shop issued: a bad line is refused with its line, the others are read. */
class CouponFileTest {
  @TempDir Path dir;

  @Test
  void a_bad_line_is_refused_with_its_line_and_the_rest_is_read() throws Exception {
    Path file = dir.resolve("codes.txt");
    Files.writeString(
        file,
        """
        # codes issued for the spring campaign
        SPRING-AAA1
        SPRING AAA2

        spring-aaa3
        SPRING-AAA1
        X
        SPRING-AAA4
        """);
    CouponFile.Read read = CouponFile.read(file, null);
    assertThat(read.codes())
        .extracting(CouponFile.Code::line, CouponFile.Code::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "SPRING-AAA1"),
            org.assertj.core.groups.Tuple.tuple(5, "spring-aaa3"),
            org.assertj.core.groups.Tuple.tuple(8, "SPRING-AAA4"));
    assertThat(read.rejected()).extracting(CouponFile.Bad::line).containsExactly(3, 6, 7);
    assertThat(read.rejected().get(0).reason()).contains("without spaces");
    assertThat(read.rejected().get(1).reason()).isEqualTo("the same code as line 2");
  }

  @Test
  void a_csv_export_gives_the_column_its_header_names() throws Exception {
    Path file = dir.resolve("codes.csv");
    Files.writeString(
        file,
        "\uFEFFid,Code,usage\n1,\"ENVIO-1\",1\n2,ENVIO-2,1\n3\n4, ,1\n",
        java.nio.charset.StandardCharsets.UTF_8);
    CouponFile.Read read = CouponFile.read(file, "code");
    assertThat(read.codes())
        .extracting(CouponFile.Code::code)
        .containsExactly("ENVIO-1", "ENVIO-2");
    assertThat(read.rejected()).extracting(CouponFile.Bad::line).containsExactly(4, 5);
    assertThat(read.rejected().get(0).reason()).isEqualTo("no column 'code' on this line");
  }

  @Test
  void a_header_without_the_column_fails_the_file_on_its_line() throws Exception {
    Path file = dir.resolve("codes.csv");
    Files.writeString(file, "# export\nid,discount\n1,A-100\n");
    assertThatThrownBy(() -> CouponFile.read(file, "code"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2: the header has no column 'code'; it has [id, discount]");
  }
}
