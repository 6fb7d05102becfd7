package org.winbackhub.model;

/**
 * A person as one source system knows them, already normalized: email lower-cased and valid, phone
 * in E.164. Any field but {@code source} and {@code externalId} may be null; {@code owner} is who
 * looks after them in that source (a CRM record's owner), kept with the source reference.
 */
public record SourceContact(
    String source,
    String externalId,
    String email,
    String phone,
    String firstName,
    String lastName,
    Consent emailConsent,
    Consent smsConsent,
    String owner) {

  public SourceContact(
      String source,
      String externalId,
      String email,
      String phone,
      String firstName,
      String lastName,
      Consent emailConsent,
      Consent smsConsent) {
    this(source, externalId, email, phone, firstName, lastName, emailConsent, smsConsent, null);
  }
}
