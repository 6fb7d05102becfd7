package org.winbackhub.feedback;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The parts of a multipart/report (RFC 6522) that DSNs (RFC 3464) and ARF reports (RFC 5965) are
 * read from: the machine-readable report, read as blocks of header fields, and the original
 * message's headers, from a text/rfc822-headers or message/rfc822 part. Parts are read as streams
 * of their decoded bytes, so no content handler for the report types is needed.
 */
final class ReportParts {
  /** A report larger than this is not read: bounces quote headers, not whole mailboxes. */
  static final int MAX_BYTES = 10 * 1024 * 1024;

  private ReportParts() {}

  static MimeMessage parse(byte[] raw) {
    if (raw == null || raw.length == 0) {
      throw new IllegalArgumentException("the message is empty");
    }
    if (raw.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the message is " + raw.length + " bytes, more than a report may be (" + MAX_BYTES + ")");
    }
    try {
      return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("the message is not a MIME message: " + e.getMessage(), e);
    }
  }

  /** Every part of the message's tree, depth first, not descending into embedded messages. */
  static List<Part> parts(Part root) throws MessagingException, IOException {
    List<Part> all = new ArrayList<>();
    collect(root, all, 0);
    return all;
  }

  private static void collect(Part part, List<Part> into, int depth)
      throws MessagingException, IOException {
    into.add(part);
    if (depth < 8 && part.isMimeType("multipart/*")) {
      Object content = part.getContent();
      if (content instanceof Multipart multi) {
        for (int i = 0; i < multi.getCount(); i++) {
          BodyPart child = multi.getBodyPart(i);
          collect(child, into, depth + 1);
        }
      }
    }
  }

  static Optional<Part> first(List<Part> parts, String mimeType) throws MessagingException {
    for (Part p : parts) {
      if (p.isMimeType(mimeType)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The blocks of header fields of a report part: a blank line ends each block (RFC 3464 section
   * 2.1: the per-message fields, then one block per recipient).
   */
  static List<InternetHeaders> fieldBlocks(Part part) throws MessagingException, IOException {
    List<InternetHeaders> blocks = new ArrayList<>();
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
      while (stream.available() > 0 && blocks.size() < 10_000) {
        InternetHeaders block = new InternetHeaders(stream);
        if (block.getAllHeaderLines().hasMoreElements()) {
          blocks.add(block);
        }
      }
    }
    return blocks;
  }

  /** The header fields of the original message, from whichever part carries them; may be absent. */
  static Optional<InternetHeaders> originalHeaders(List<Part> parts)
      throws MessagingException, IOException {
    Optional<Part> original = first(parts, "text/rfc822-headers");
    if (original.isEmpty()) {
      original = first(parts, "message/rfc822");
    }
    if (original.isEmpty()) {
      original = first(parts, "message/rfc822-headers");
    }
    if (original.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = original.get().getInputStream()) {
      return Optional.of(new InternetHeaders(in));
    }
  }

  /** A field's first value, unfolded and trimmed; null when absent or empty. */
  static String field(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, null);
    if (value == null) {
      return null;
    }
    String unfolded = value.replaceAll("\r?\n[ \t]+", " ").trim();
    return unfolded.isEmpty() ? null : unfolded;
  }

  /** An address-typed field's address: {@code rfc822; a@b} gives {@code a@b} (RFC 3464 2.3.2). */
  static String address(String typed) {
    if (typed == null) {
      return null;
    }
    int semi = typed.indexOf(';');
    String address = (semi >= 0 ? typed.substring(semi + 1) : typed).trim();
    if (address.startsWith("<") && address.endsWith(">")) {
      address = address.substring(1, address.length() - 1).trim();
    }
    return address.isEmpty() ? null : address;
  }
}
