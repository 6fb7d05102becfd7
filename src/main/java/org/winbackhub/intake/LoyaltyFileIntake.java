package org.winbackhub.intake;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.Database;
import org.winbackhub.store.SourceFileRepository;

/**
 * Takes in one loyalty-card file, streamed in batches so any size runs in bounded memory. A
 * malformed row is kept as a rejected record with the file, line and reason; the rest of the file
 * goes on. A file whose content was already taken in is skipped.
 */
public final class LoyaltyFileIntake {
  private static final int BATCH = 1000;

  /** What became of one file. */
  public record FileReport(String file, boolean duplicate, long lines, long loaded, long rejected, ContactIntake.Result changes) {
    public String line() {
      if (duplicate) {
        return "loyalty file " + file + ": already taken in, skipped";
      }
      return String.format(
          "loyalty file %s: %d lines, %d loaded, %d rejected, %d new contacts, %d updated, %d merged, %d new events",
          file, lines, loaded, rejected, changes.newContacts(), changes.updatedContacts(), changes.merged(), changes.newEvents());
    }
  }

  private final LoyaltyFileFormat format;
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
    this.format = format;
    this.mapper = new LoyaltyRowMapper(format, rules);
    this.intake = intake;
    this.files = files;
    this.db = db;
    this.clock = clock;
  }

  public FileReport process(File file) {
    String name = file.getName();
    String checksum = sha256(file);
    if (files.seen(format.source(), checksum)) {
      return new FileReport(name, true, 0, 0, 0, ContactIntake.Result.NONE);
    }
    Progress p = new Progress();
    try {
      return read(file, name, checksum, p);
    } catch (RuntimeException e) {
      // batches committed so far stay; the file is recorded FAILED with how far it got
      String reason = "file failed near line " + p.lastLine + " (" + p.lines + " read, " + p.loaded + " loaded, "
          + p.rejected + " rejected before): " + e.getMessage();
      try {
        files.recordFailed(format.source(), name, checksum, p.lines, p.loaded, p.rejected, reason, clock.instant());
      } catch (RuntimeException unrecorded) {
        e.addSuppressed(unrecorded);
      }
      throw e;
    }
  }

  /** How far a file got: lines read, and rows loaded and rejected in committed batches. */
  private static final class Progress {
    long lastLine;
    long lines;
    long loaded;
    long rejected;
  }

  private FileReport read(File file, String name, String checksum, Progress progress) {
    CSVFormat csv =
        CSVFormat.DEFAULT.builder()
            .setDelimiter(format.delimiter())
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    long lines = 0;
    long loaded = 0;
    long rejected = 0;
    ContactIntake.Result changes = ContactIntake.Result.NONE;
    List<SourceRecord> records = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    try (Reader reader = new InputStreamReader(withoutBom(file), format.charset().newDecoder());
        CSVParser parser = CSVParser.parse(reader, csv)) {
      boolean first = format.header();
      for (CSVRecord row : parser) {
        long line = parser.getCurrentLineNumber();
        progress.lastLine = line;
        if (first) {
          first = false;
          checkHeader(row, name);
          continue;
        }
        lines++;
        progress.lines = lines;
        try {
          Mapped mapped = mapper.map(fields(row));
          if (mapped.record() != null) {
            records.add(mapped.record()); // a line that lost its event still brings its card holder
          }
          if (mapped.lost()) {
            rejected++;
          } else {
            loaded++;
          }
          rejections.addAll(mapped.rejections(format.source(), name, line));
        } catch (InvalidFieldException e) {
          rejections.add(reject(name, line, row, e.getMessage()));
          rejected++;
        }
        if (records.size() + rejections.size() >= BATCH) {
          changes = changes.plus(intake.ingest(format.source(), records, rejections));
          progress.loaded = loaded;
          progress.rejected = rejected;
          records.clear();
          rejections.clear();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("loyalty file " + name + " cannot be read as " + format.charset() + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
        throw new IllegalArgumentException(
            "loyalty file " + name + " is not " + format.charset() + " text after line " + (lines + (format.header() ? 1 : 0))
                + " (set hub.loyalty.charset to the file's encoding, e.g. ISO-8859-1)", e);
      }
      throw new IllegalArgumentException("loyalty file " + name + " is not valid CSV after line " + (lines + (format.header() ? 1 : 0)) + ": " + e.getMessage(), e);
    }
    long l = lines;
    long ld = loaded;
    long rj = rejected;
    ContactIntake.Result last =
        db.inTransaction(
            "finish loyalty file " + name,
            c -> {
              ContactIntake.Result r = intake.ingest(c, format.source(), records, rejections);
              files.record(c, format.source(), name, checksum, "DONE", l, ld, rj, clock.instant());
              return r;
            });
    intake.committed(last);
    return new FileReport(name, false, lines, loaded, rejected, changes.plus(last));
  }

  /** The file's bytes without a leading UTF-8 byte order mark, which spreadsheets like to write. */
  private static InputStream withoutBom(File file) throws IOException {
    return BOMInputStream.builder()
        .setInputStream(new BufferedInputStream(Files.newInputStream(file.toPath())))
        .get();
  }

  private Map<String, String> fields(CSVRecord row) {
    if (row.size() != format.columns().size()) {
      throw new InvalidFieldException(
          "row", "expected " + format.columns().size() + " columns, found " + row.size());
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      fields.put(format.columns().get(i), row.get(i));
    }
    return fields;
  }

  private void checkHeader(CSVRecord row, String name) {
    List<String> given = row.toList().stream().map(s -> s.trim().toLowerCase()).toList();
    if (!given.equals(format.columns())) {
      throw new IllegalArgumentException(
          "loyalty file " + name + " has header " + given + " but hub.loyalty.columns is " + format.columns());
    }
  }

  private Rejection reject(String file, long line, CSVRecord row, String reason) {
    int keyIndex = format.columns().indexOf("card_id");
    String key = keyIndex >= 0 && keyIndex < row.size() ? row.get(keyIndex) : null;
    return new Rejection(format.source(), file, line, key == null || key.isBlank() ? null : key, reason, String.join(String.valueOf(format.delimiter()), row.toList()));
  }

  private static String sha256(File file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file.toPath()), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read loyalty file " + file.getName(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
