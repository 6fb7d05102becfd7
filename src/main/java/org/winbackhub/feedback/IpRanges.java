package org.winbackhub.feedback;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of CIDR ranges ({@code 17.0.0.0/8}, {@code 2620:149::/32}) and the test whether an address
 * falls in one. Only literal addresses are read: a host name is never looked up, so an address that
 * came from a request header cannot make the hub query DNS.
 */
final class IpRanges {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private record Range(byte[] network, int prefix) {}

  private final List<Range> ranges = new ArrayList<>();

  IpRanges(List<String> cidrs) {
    for (String cidr : cidrs) {
      int slash = cidr.indexOf('/');
      byte[] network = slash < 0 ? null : literal(cidr.substring(0, slash).trim());
      int prefix;
      try {
        prefix = slash < 0 ? -1 : Integer.parseInt(cidr.substring(slash + 1).trim());
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (network == null || prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("'" + cidr + "' is not an address range in CIDR form");
      }
      ranges.add(new Range(network, prefix));
    }
  }

  boolean contains(String ip) {
    byte[] address = literal(ip == null ? null : ip.trim());
    if (address == null) {
      return false;
    }
    for (Range r : ranges) {
      if (r.network().length == address.length && samePrefix(r.network(), address, r.prefix())) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    int shift = a.length * 8 - bits;
    return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, b).shiftRight(shift));
  }

  /** The bytes of a literal IPv4 or IPv6 address; null for anything else. */
  static byte[] literal(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    boolean v4 = IPV4.matcher(text).matches();
    if (!v4 && !(text.contains(":") && IPV6.matcher(text).matches())) {
      return null;
    }
    try {
      // a literal is parsed, never resolved
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length == 16 && isIpv4Mapped(bytes)) {
        return Arrays.copyOfRange(bytes, 12, 16);
      }
      return bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }
}
