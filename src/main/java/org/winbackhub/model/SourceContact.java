package org.winbackhub.model;

/**
 * A person as one source system knows them, already normalized: email lower-cased and valid,
 * phone in E.164. Any field but {@code source} and {@code externalId} may be null.
 */
public record SourceContact(
    String source,
    String externalId,
    String email,
    String phone,
    String firstName,
    String lastName,
    Consent emailConsent,
    Consent smsConsent) {}
