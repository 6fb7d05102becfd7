package org.winbackhub.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which source each of a contact's fields came from; any may be null (not known). */
public record FieldSources(String email, String phone, String firstName, String lastName) {
  public static final FieldSources NONE = new FieldSources(null, null, null, null);

  /** Stored form: "email=crm,phone=loyalty". */
  public String encode() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("email", email);
    m.put("phone", phone);
    m.put("first_name", firstName);
    m.put("last_name", lastName);
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (v != null) {
            sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
          }
        });
    return sb.toString();
  }

  public static FieldSources decode(String stored) {
    if (stored == null || stored.isBlank()) {
      return NONE;
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : stored.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new FieldSources(
        m.get("email"), m.get("phone"), m.get("first_name"), m.get("last_name"));
  }
}
