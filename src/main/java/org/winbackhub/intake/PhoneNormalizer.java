package org.winbackhub.intake;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.winbackhub.model.Masked;

/** Turns a phone number as typed into E.164, reading national numbers in a default region. */
public final class PhoneNormalizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /** {@code defaultRegion} is an ISO 3166 alpha-2 code such as "ES" or "US". */
  public PhoneNormalizer(String defaultRegion) {
    if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
      throw new IllegalArgumentException(
          "hub.phone.default-region: '" + defaultRegion + "' is not an ISO 3166 region code");
    }
    this.defaultRegion = defaultRegion;
  }

  /** The E.164 form ("+34612345678"), or null for a blank number. */
  public String normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
      if (!UTIL.isValidNumber(number)) {
        throw new InvalidFieldException(
            "phone", "not a valid number for its region", Masked.phone(raw));
      }
      return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new InvalidFieldException("phone", "not a phone number", Masked.phone(raw));
    }
  }
}
