package org.winbackhub.model;

/** A contact as the store holds it. */
public record Contact(
    long id,
    String email,
    String phone,
    String firstName,
    String lastName,
    Consent emailConsent,
    Consent smsConsent) {}
