package org.winbackhub.model;

/**
 * Input that could not be taken in. {@code location} names the file or endpoint, {@code lineNo}
 * the line where there is one, {@code reason} says what was wrong in words a user can act on.
 */
public record Rejection(
    String source, String location, Long lineNo, String recordKey, String reason, String raw) {}
