package org.winbackhub.model;

import java.util.List;

/** One accepted input record: who it is about and what happened. */
public record SourceRecord(SourceContact contact, List<ContactEvent> events) {}
