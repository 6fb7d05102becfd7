package org.winbackhub.intake.loyalty;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.io.input.BOMInputStream;

/**
 * A loyalty file as text: its checksum (what makes the same content a duplicate), its characters in
 * the configured charset without a byte order mark, and its header line checked against the
 * configured columns.
 */
final class LoyaltyFileText {
  private final LoyaltyFileFormat format;

  LoyaltyFileText(LoyaltyFileFormat format) {
    this.format = format;
  }

  /**
   * The file's characters; a byte that is not the configured charset fails the read (a {@link
   * java.nio.charset.CharacterCodingException}) instead of becoming a replacement character.
   */
  Reader open(File file) throws IOException {
    return new InputStreamReader(withoutBom(file), format.charset().newDecoder());
  }

  /** The file's bytes without a leading UTF-8 byte order mark, which spreadsheets like to write. */
  private static InputStream withoutBom(File file) throws IOException {
    return BOMInputStream.builder()
        .setInputStream(new BufferedInputStream(Files.newInputStream(file.toPath())))
        .get();
  }

  /** True when the file had a header line (and it matches); false for an empty file. */
  boolean checkHeader(CsvRecords.Record row, String name) {
    if (row == null) {
      return false;
    }
    if (row.values() == null) {
      throw new IllegalArgumentException(
          "loyalty file " + name + ": its header line cannot be read: " + row.problem());
    }
    List<String> given = row.values().stream().map(s -> s.trim().toLowerCase()).toList();
    if (!given.equals(format.columns())) {
      // what is not a column name may be a data row (a file without its header): never shown
      List<String> shown =
          given.stream().map(g -> LoyaltyFileFormat.KNOWN.contains(g) ? g : "?").toList();
      throw new IllegalArgumentException(
          "loyalty file "
              + name
              + " has header "
              + shown
              + " but hub.loyalty.columns is "
              + format.columns()
              + (shown.contains("?") ? " (? is not a known column)" : ""));
    }
    return true;
  }

  /** The SHA-256 of the file's bytes, in hex. */
  static String sha256(File file) {
    try (InputStream in =
        new DigestInputStream(
            Files.newInputStream(file.toPath()), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read loyalty file " + file.getName(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
