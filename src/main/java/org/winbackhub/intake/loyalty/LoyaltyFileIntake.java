package org.winbackhub.intake.loyalty;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.model.Rejection;
import org.winbackhub.store.Database;
import org.winbackhub.store.SourceFileRepository;

/**
 * Takes in one loyalty-card file, streamed in batches so any size runs in bounded memory. A line
 * that cannot be read or taken in is kept as a rejected record with the file, line and reason, and
 * the rest of the file goes on (see {@link CsvRecords}); so does a record the store refuses for its
 * data. A file whose content was already taken in is skipped. A file without data lines is recorded
 * EMPTY; one whose every line was rejected is recorded FAILED and refused with {@link
 * RefusedFileException}, so that it is moved aside.
 */
public final class LoyaltyFileIntake {

  /** What became of a file. */
  public enum Outcome {
    TAKEN,
    DUPLICATE,
    EMPTY,
    ALL_REJECTED
  }

  /** What became of one file; {@code note} says why an EMPTY or ALL_REJECTED file is one. */
  public record FileReport(
      String file,
      Outcome outcome,
      long lines,
      long loaded,
      long rejected,
      ContactIntake.Result changes,
      String note) {
    public boolean duplicate() {
      return outcome == Outcome.DUPLICATE;
    }

    public String line() {
      return switch (outcome) {
        case DUPLICATE -> "loyalty file " + file + ": already taken in, skipped";
        case EMPTY -> "loyalty file " + file + ": " + note + ", nothing to take in";
        case ALL_REJECTED -> "loyalty file " + file + ": " + note;
        case TAKEN ->
            String.format(
                "loyalty file %s: %d lines, %d loaded, %d rejected, %d new contacts, %d updated, %d"
                    + " merged, %d new events",
                file,
                lines,
                loaded,
                rejected,
                changes.newContacts(),
                changes.updatedContacts(),
                changes.merged(),
                changes.newEvents());
      };
    }
  }

  /**
   * A file none of whose lines could be taken in: recorded FAILED, its lines rejected, moved aside.
   */
  public static final class RefusedFileException extends IllegalArgumentException {
    private final transient FileReport report;

    RefusedFileException(FileReport report) {
      super(report.line());
      this.report = report;
    }

    public FileReport report() {
      return report;
    }
  }

  private final LoyaltyFileFormat format;
  private final LoyaltyFileText text;
  private final CsvRecords.Limits limits;
  private final LoyaltyRowMapper mapper;
  private final ContactIntake intake;
  private final SourceFileRepository files;
  private final Database db;
  private final Clock clock;

  public LoyaltyFileIntake(
      LoyaltyFileFormat format,
      FieldRules rules,
      ContactIntake intake,
      SourceFileRepository files,
      Database db,
      Clock clock) {
    this(format, CsvRecords.Limits.DEFAULT, rules, intake, files, db, clock);
  }

  public LoyaltyFileIntake(
      LoyaltyFileFormat format,
      CsvRecords.Limits limits,
      FieldRules rules,
      ContactIntake intake,
      SourceFileRepository files,
      Database db,
      Clock clock) {
    this.format = format;
    this.text = new LoyaltyFileText(format);
    this.limits = limits;
    this.mapper = new LoyaltyRowMapper(format, rules);
    this.intake = intake;
    this.files = files;
    this.db = db;
    this.clock = clock;
  }

  /** The source the files are taken in as. */
  public String source() {
    return format.source();
  }

  public FileReport process(File file) {
    String name = file.getName();
    String checksum = LoyaltyFileText.sha256(file);
    if (files.seen(format.source(), checksum)) {
      return new FileReport(name, Outcome.DUPLICATE, 0, 0, 0, ContactIntake.Result.NONE, null);
    }
    LoyaltyBatch batch = new LoyaltyBatch(name, format, mapper, intake);
    FileReport report;
    try {
      report = read(file, checksum, batch);
    } catch (RuntimeException e) {
      // batches committed so far stay; the file is recorded FAILED with how far it got
      String reason =
          "file failed near line "
              + batch.lastLine
              + " ("
              + batch.lines
              + " read, "
              + batch.committedLoaded
              + " loaded, "
              + batch.committedRejected
              + " rejected before): "
              + e.getMessage();
      try {
        files.recordFailed(
            format.source(),
            name,
            checksum,
            batch.lines,
            batch.committedLoaded,
            batch.committedRejected,
            reason,
            clock.instant());
      } catch (RuntimeException unrecorded) {
        e.addSuppressed(unrecorded);
      }
      throw e;
    }
    if (report.outcome() == Outcome.ALL_REJECTED) {
      throw new RefusedFileException(report);
    }
    return report;
  }

  private FileReport read(File file, String checksum, LoyaltyBatch batch) {
    String name = batch.file;
    try (Reader reader = text.open(file)) {
      CsvRecords csv = new CsvRecords(reader, format.delimiter(), format.columns(), limits);
      boolean header = false;
      if (format.header()) {
        header = text.checkHeader(csv.next(), name);
      }
      for (CsvRecords.Record row = csv.next(); row != null; row = csv.next()) {
        batch.take(row);
        if (batch.full()) {
          batch.commit(null);
        }
      }
      return finish(batch, checksum, header);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "loyalty file "
              + name
              + " is not "
              + format.charset()
              + " text after line "
              + batch.lastLine
              + " (set hub.loyalty.charset to the file's encoding, e.g. ISO-8859-1)",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "loyalty file " + name + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Commits the last rows with the file's record, whose status follows from the whole file. */
  private FileReport finish(LoyaltyBatch b, String checksum, boolean header) {
    Outcome[] outcome = {Outcome.TAKEN};
    String[] note = {null};
    b.commit(
        (recs, rejs, last) -> {
          List<Rejection> all = new ArrayList<>(rejs);
          String status = "DONE";
          if (b.lines == 0) {
            outcome[0] = Outcome.EMPTY;
            note[0] = header ? "header only, no data lines" : "empty file";
            status = "EMPTY";
          } else if (b.loaded == 0) {
            outcome[0] = Outcome.ALL_REJECTED;
            note[0] =
                (b.lines == 1
                        ? "its only line was rejected"
                        : "all " + b.lines + " lines were rejected")
                    + "; first "
                    + b.firstReason;
            status = "FAILED";
            all.add(
                new Rejection(
                    format.source(), b.file, null, null, "file refused: " + note[0], null));
          }
          String s = status;
          ContactIntake.Result r =
              db.inTransaction(
                  "finish loyalty file " + b.file,
                  c -> {
                    ContactIntake.Result in = intake.ingest(c, format.source(), recs, all);
                    files.record(
                        c,
                        format.source(),
                        b.file,
                        checksum,
                        s,
                        b.lines,
                        b.loaded,
                        b.rejected,
                        note[0],
                        clock.instant());
                    return in;
                  });
          intake.committed(r);
          return r;
        });
    return new FileReport(b.file, outcome[0], b.lines, b.loaded, b.rejected, b.changes, note[0]);
  }
}
