package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/**
 * What intake writes of the source references ({@code source_ref}): new references and their
 * owners.
 */
public final class SourceRefRepository {

  /** Records that {@code (source, externalId)} is contact {@code contactId}; known refs stay. */
  public void addSourceRefs(Connection c, String source, Map<String, Long> refs, Instant now)
      throws SQLException {
    if (refs.isEmpty()) {
      return;
    }
    var at = Database.ts(now);
    new MultiRowInsert<Map.Entry<String, Long>>(
            "source_ref",
            "source, external_id, contact_id, first_seen_at",
            4,
            "ON CONFLICT DO NOTHING",
            (ps, i, ref) -> {
              ps.setString(i, source);
              ps.setString(i + 1, ref.getKey());
              ps.setLong(i + 2, ref.getValue());
              ps.setObject(i + 3, at);
            })
        .insert(c, new ArrayList<>(refs.entrySet()));
  }

  /**
   * Records who looks after each of these references in their source (a CRM owner); null owners are
   * skipped.
   */
  public void setOwners(Connection c, String source, Map<String, String> owners)
      throws SQLException {
    if (owners.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE source_ref SET owner = ? WHERE source = ? AND external_id = ?")) {
      for (Map.Entry<String, String> o : owners.entrySet()) {
        ps.setString(1, o.getValue());
        ps.setString(2, source);
        ps.setString(3, o.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
