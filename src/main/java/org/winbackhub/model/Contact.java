package org.winbackhub.model;

/** A contact as the store holds it, with the source each identifying field came from. */
public record Contact(
    long id,
    String email,
    String phone,
    String firstName,
    String lastName,
    Consent emailConsent,
    Consent smsConsent,
    FieldSources sources) {

  public Contact {
    if (sources == null) {
      sources = FieldSources.NONE;
    }
  }

  public Contact(
      long id,
      String email,
      String phone,
      String firstName,
      String lastName,
      Consent emailConsent,
      Consent smsConsent) {
    this(id, email, phone, firstName, lastName, emailConsent, smsConsent, FieldSources.NONE);
  }
}
