package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * What a mapper made of one input record: the record as it may be taken in, without its refused
 * fields (null when nothing of it can be: no usable key), and why each field was refused. A refused
 * contact field costs that field; a refused field an event needs (its amount, its date) costs that
 * event; the contact part and its consent still arrive wherever the record has them.
 */
public record Mapped(
    SourceRecord record, String recordKey, String contactKey, List<Refusal> refusals) {

  /** One refused field, and whether the record (with all its events) was kept without it. */
  public record Refusal(InvalidFieldException error, boolean recordKept) {}

  public Mapped {
    refusals = List.copyOf(refusals);
  }

  /** True when something of the record was lost with a refused field: the record or an event. */
  public boolean lost() {
    return record == null || refusals.stream().anyMatch(r -> !r.recordKept());
  }

  /** One rejection per refused field, for the store. */
  public List<Rejection> rejections(String source, String location, Long lineNo) {
    List<Rejection> out = new ArrayList<>(refusals.size());
    for (Refusal r : refusals) {
      InvalidFieldException e = r.error();
      out.add(
          new Rejection(
              source,
              location,
              lineNo,
              recordKey,
              e.field(),
              e.getMessage(),
              e.value(),
              contactKey,
              r.recordKept()));
    }
    return out;
  }

  /** Collects the refusals of one record while a mapper reads its fields. */
  public static final class Fields {
    private final List<Refusal> refusals = new ArrayList<>();
    private boolean eventLost;

    /** A field of the record; a bad one is refused and the record goes on without it (null). */
    public <T> T field(Supplier<T> read) {
      try {
        return read.get();
      } catch (InvalidFieldException e) {
        refusals.add(new Refusal(e, true));
        return null;
      }
    }

    /**
     * A field the record's event needs; a bad one costs the event (null), the contact part stays.
     */
    public <T> T eventField(Supplier<T> read) {
      try {
        return read.get();
      } catch (InvalidFieldException e) {
        refuseEvent(e);
        return null;
      }
    }

    void refuseEvent(InvalidFieldException e) {
      refusals.add(new Refusal(e, false));
      eventLost = true;
    }

    /** A field refused although a usable value was kept in its place (an unreadable opt-out). */
    void refuse(InvalidFieldException e) {
      refusals.add(new Refusal(e, true));
    }

    public boolean eventLost() {
      return eventLost;
    }

    public Mapped done(SourceRecord record, String recordKey, String contactKey) {
      return new Mapped(record, recordKey, contactKey, refusals);
    }

    /** Nothing of the record can be taken in: it has no usable key. */
    public Mapped rejectWhole(InvalidFieldException e, String recordKey, String contactKey) {
      refusals.add(0, new Refusal(e, false));
      return new Mapped(null, recordKey, contactKey, refusals);
    }
  }
}
