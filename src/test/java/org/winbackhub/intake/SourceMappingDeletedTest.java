package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.config.ConfigException;

/**
 * The {@code deleted:} marker of a mapping: how it is written, how a mistake is told, what it reads
 * from a row.
 */
class SourceMappingDeletedTest {
  @TempDir Path dir;

  static final String CONTACTS =
      """
      contacts:
        query: >
          SELECT id, email, archived, updated_at FROM people
          WHERE updated_at >= :watermark ORDER BY updated_at
        key: id
        changed: updated_at
        fields: {email: email}
      """;

  SourceMapping load(String yaml) throws Exception {
    return SourceMapping.load(Files.writeString(dir.resolve("crm.yaml"), yaml));
  }

  static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  @Test
  void a_flag_column_with_the_values_that_mean_deleted() throws Exception {
    SourceMapping m = load(CONTACTS + "  deleted: {column: archived, values: [true, 1, 'Y']}\n");
    SourceMapping.Deleted d = m.contacts().deleted();
    assertThat(d.why(row("archived", Boolean.TRUE)))
        .isEqualTo("deleted in the source (archived = true)");
    assertThat(d.why(row("archived", 1))).isEqualTo("deleted in the source (archived = 1)");
    assertThat(d.why(row("archived", new BigDecimal("1.0"))))
        .as("1.0 is 1")
        .isEqualTo("deleted in the source (archived = 1)");
    assertThat(d.why(row("archived", "y ")))
        .as("text in any case")
        .isEqualTo("deleted in the source (archived = Y)");
    assertThat(d.why(row("archived", "true")))
        .as("a Bulk API CSV cell")
        .isEqualTo("deleted in the source (archived = true)");
    assertThat(d.why(row("archived", Boolean.FALSE))).isNull();
    assertThat(d.why(row("archived", 0))).isNull();
    assertThat(d.why(row("archived", null))).isNull();
  }

  @Test
  void a_time_column_marks_deleted_when_it_is_set_and_free_text_is_never_shown() throws Exception {
    SourceMapping m =
        load(
            CONTACTS.replace("archived", "deleted_at, deleted_by")
                + "  deleted: {column: deleted_at}\n");
    SourceMapping.Deleted d = m.contacts().deleted();
    assertThat(d.why(row("deleted_at", OffsetDateTime.parse("2025-06-01T08:00:00Z"))))
        .isEqualTo("deleted in the source (deleted_at = 2025-06-01T08:00Z)");
    assertThat(d.why(row("deleted_at", null))).isNull();
    assertThat(d.why(row("deleted_at", " "))).isNull();
    SourceMapping.Deleted by = new SourceMapping.Deleted("deleted_by", null);
    assertThat(by.why(row("deleted_by", "ana@example.com")))
        .isEqualTo("deleted in the source (deleted_by set)");
  }

  @Test
  void every_events_query_may_name_its_own_marker() throws Exception {
    SourceMapping m =
        load(
            CONTACTS
                + """
                events:
                  - type: purchase
                    query: >
                      SELECT no, person, total, at, status, updated_at FROM invoices
                      WHERE updated_at >= :watermark ORDER BY updated_at
                    key: no
                    contact: person
                    at: at
                    amount: total
                    changed: updated_at
                    deleted: {column: status, values: [void, cancelled]}
                """);
    assertThat(m.contacts().deleted()).isNull();
    assertThat(m.events().get(0).deleted().why(row("status", "VOID")))
        .isEqualTo("deleted in the source (status = void)");
    assertThat(m.events().get(0).eventId("F-1")).isEqualTo("purchase:F-1");
  }

  @Test
  void a_missing_column_names_file_line_and_what_is_expected() throws Exception {
    assertThatThrownBy(() -> load(CONTACTS + "  deleted: {values: [true]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("crm.yaml:8:")
        .hasMessageContaining(
            "deleted.column: missing; name the column that marks a deleted row, e.g. {column:"
                + " deleted_at}");
  }

  @Test
  void empty_values_are_refused_with_what_to_write_instead() throws Exception {
    assertThatThrownBy(() -> load(CONTACTS + "  deleted:\n    column: archived\n    values: []\n"))
        .hasMessageContaining("crm.yaml:10:")
        .hasMessageContaining(
            "deleted.values: empty; list the values that mean deleted, e.g. [true, 1], or leave"
                + " values out");
  }

  @Test
  void a_misspelt_key_is_named_with_the_keys_expected() throws Exception {
    assertThatThrownBy(() -> load(CONTACTS + "  deleted:\n    colum: archived\n"))
        .hasMessageContaining(
            "crm.yaml:9: unknown key 'contacts.deleted.colum'; expected one of: column, values");
  }

  @Test
  void a_query_that_filters_out_the_deleted_rows_is_refused_with_the_reason() throws Exception {
    String filtered =
        CONTACTS.replace(
            "WHERE updated_at >= :watermark",
            "WHERE p.archived = FALSE AND updated_at >= :watermark");
    assertThatThrownBy(() -> load(filtered + "  deleted: {column: archived, values: [true]}\n"))
        .hasMessageContaining("crm.yaml:2:")
        .hasMessageContaining(
            "contacts.query: filters on its delete marker 'archived' (p.archived = ...);"
                + " with deleted: the query must return deleted rows too");
    String timestamp =
        CONTACTS.replace(
            "WHERE updated_at >= :watermark",
            "WHERE deleted_at IS NULL AND updated_at >= :watermark");
    assertThatThrownBy(() -> load(timestamp + "  deleted: {column: deleted_at}\n"))
        .hasMessageContaining("filters on its delete marker 'deleted_at' (deleted_at is null ...)");
    String negated =
        CONTACTS.replace(
            "WHERE updated_at >= :watermark", "WHERE NOT archived AND updated_at >= :watermark");
    assertThatThrownBy(() -> load(negated + "  deleted: {column: archived, values: [true]}\n"))
        .hasMessageContaining("filters on its delete marker 'archived' (not archived ...)");
    // a column that only starts with the marker's name, and the marker in the select list, are fine
    load(
        CONTACTS.replace("WHERE updated_at", "WHERE archived_at IS NULL AND updated_at")
            + "  deleted: {column: archived, values: [true]}\n");
  }

  @Test
  void the_shipped_salesforce_mapping_marks_deletions_by_is_deleted() {
    SourceMapping m = SourceMapping.load(Path.of("config/mappings/salesforce.yaml"));
    assertThat(m.contacts().deleted())
        .isEqualTo(new SourceMapping.Deleted("IsDeleted", List.of(true)));
    assertThat(m.leads().deleted()).isNotNull();
    assertThat(m.contacts().query()).contains("IsDeleted");
    assertThat(m.events())
        .filteredOn(e -> e.deleted() != null)
        .singleElement()
        .satisfies(e -> assertThat(e.query()).contains("FROM Case"));
  }

  @Test
  void a_marked_row_is_noted_deleted_and_a_live_one_live_the_last_one_read_winning() {
    SourceMapping.ContactQuery q =
        new SourceMapping.ContactQuery(
            "SELECT id, archived, u FROM p WHERE u >= :watermark ORDER BY u",
            "id",
            "u",
            Map.of(),
            Map.of(),
            new SourceMapping.Deleted("archived", List.of(true)));
    DeletionMarker marker = DeletionMarker.of(q);
    DeletedRows rows = new DeletedRows();
    assertThat(marker.note(row("id", 7, "archived", true), rows)).isTrue();
    assertThat(marker.note(row("id", 8, "archived", false), rows)).isFalse();
    assertThat(rows.deletedContacts())
        .containsExactly(Map.entry("7", "deleted in the source (archived = true)"));
    assertThat(rows.liveContacts()).containsExactly("8");
    marker.note(row("id", 7, "archived", false), rows);
    assertThat(rows.deletedContacts()).isEmpty();
    assertThat(rows.liveContacts()).containsExactly("8", "7");
    assertThatThrownBy(() -> marker.note(row("id", null, "archived", true), rows))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("id: missing: a deleted row needs its key");
    assertThat(
            DeletionMarker.of(
                new SourceMapping.ContactQuery(q.query(), "id", "u", Map.of(), Map.of())))
        .isNull();
  }
}
