package org.winbackhub.store;

/** A contact merged into another: what the other aggregates of a merge need to know of it. */
public record MergedContact(long mergedId, long survivorId) {}
