package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.FieldSources;

/** How a {@link Contact} is read from and bound to the {@code contact} table's columns. */
final class ContactRows {
  static final String COLUMNS =
      "id, email, phone, first_name, last_name, email_consent, sms_consent, field_sources";

  /** A new contact's fields, from {@code email} to {@code email_key}, at parameter {@code i} on. */
  static final MultiRowInsert.Binder<Contact> INSERT =
      (ps, i, k) -> {
        ps.setString(i, k.email());
        ps.setString(i + 1, k.phone());
        ps.setString(i + 2, k.firstName());
        ps.setString(i + 3, k.lastName());
        ps.setString(i + 4, orUnknown(k.emailConsent()).name());
        ps.setString(i + 5, orUnknown(k.smsConsent()).name());
        ps.setString(i + 6, k.sources().encode());
        ps.setString(i + 7, EmailAddress.key(k.email()));
      };

  private ContactRows() {}

  /** Email, phone, names and both consents as parameters 1 to 6. */
  static void bindFields(PreparedStatement ps, Contact k) throws SQLException {
    ps.setString(1, k.email());
    ps.setString(2, k.phone());
    ps.setString(3, k.firstName());
    ps.setString(4, k.lastName());
    ps.setString(5, orUnknown(k.emailConsent()).name());
    ps.setString(6, orUnknown(k.smsConsent()).name());
  }

  static Consent orUnknown(Consent consent) {
    return consent == null ? Consent.UNKNOWN : consent;
  }

  /** The contact in {@link #COLUMNS}, from the first column on. */
  static Contact read(ResultSet rs) throws SQLException {
    return read(rs, 1);
  }

  static Contact read(ResultSet rs, int first) throws SQLException {
    return new Contact(
        rs.getLong(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3),
        rs.getString(first + 4),
        Consent.valueOf(rs.getString(first + 5)),
        Consent.valueOf(rs.getString(first + 6)),
        FieldSources.decode(rs.getString(first + 7)));
  }
}
