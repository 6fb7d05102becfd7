package org.winbackhub.channel.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.winbackhub.model.Rejection;
import org.winbackhub.offer.CouponFile;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.RejectRepository;

/**
 * Loads the codes of the file pools into the store: at start and whenever a pool's file changed
 * (codes the shop issued are appended or the file replaced). Loading is idempotent: a code in the
 * store already is left as it is, given or not. A line that holds no code, repeats one, or names a
 * code another pool holds is kept as a rejected record (source {@code offers}, the file and line);
 * the other lines are loaded.
 */
public final class CouponPools {
  /** The source name of the rejections of pool files. */
  public static final String SOURCE = "offers";

  /** What one load of one file did. */
  public record Outcome(String pool, Path file, int added, List<CouponFile.Bad> rejected) {
    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder("pool ")
              .append(pool)
              .append(": ")
              .append(added)
              .append(added == 1 ? " new code" : " new codes");
      if (!rejected.isEmpty()) {
        s.append(", ").append(rejected.size()).append(" lines refused (");
        for (int i = 0; i < Math.min(3, rejected.size()); i++) {
          CouponFile.Bad b = rejected.get(i);
          s.append(i == 0 ? "" : "; ").append(file).append(':').append(b.line());
          s.append(": ").append(b.reason());
        }
        s.append(rejected.size() > 3 ? "; ...)" : ")");
      }
      return s.toString();
    }
  }

  private final OfferPools pools;
  private final CouponRepository coupons;
  private final RejectRepository rejects;
  private final Clock clock;
  private final Map<String, String> loaded = new ConcurrentHashMap<>();

  public CouponPools(
      OfferPools pools, CouponRepository coupons, RejectRepository rejects, Clock clock) {
    this.pools = pools;
    this.coupons = coupons;
    this.rejects = rejects;
    this.clock = clock;
  }

  /**
   * Loads each file pool whose file changed since this process last loaded it; a missing file is
   * skipped (nothing to load yet). Returns what changed, empty when nothing did.
   */
  public synchronized List<Outcome> load() {
    List<Outcome> outcomes = new ArrayList<>();
    for (var entry : pools.pools().entrySet()) {
      OfferPools.Pool pool = entry.getValue();
      if (pool.generated()) {
        continue;
      }
      Path file = pools.codesFile(pool);
      if (Files.isRegularFile(file)) {
        String digest = digest(file);
        if (!digest.equals(loaded.get(entry.getKey()))) {
          outcomes.add(load(entry.getKey(), pool, file));
          loaded.put(entry.getKey(), digest);
        }
      }
    }
    return outcomes;
  }

  /** One line per pool that changed, for the route's log; empty when none did. */
  public String loadAndTell() {
    List<String> lines = load().stream().map(Outcome::toString).toList();
    return String.join("; ", lines);
  }

  private Outcome load(String name, OfferPools.Pool pool, Path file) {
    CouponFile.Read read = CouponFile.read(file, pool.column());
    Map<String, Integer> lines = new HashMap<>();
    List<String> codes = new ArrayList<>();
    for (CouponFile.Code c : read.codes()) {
      lines.put(c.code(), c.line());
      codes.add(c.code());
    }
    CouponRepository.Loaded result = coupons.load(name, codes, clock.instant());
    List<CouponFile.Bad> bad = new ArrayList<>(read.rejected());
    result
        .inOtherPools()
        .forEach(
            (code, other) ->
                bad.add(new CouponFile.Bad(lines.get(code), "the code is in pool " + other)));
    bad.sort((a, b) -> Integer.compare(a.line(), b.line()));
    for (CouponFile.Bad b : bad) {
      rejects.add(
          new Rejection(
              SOURCE,
              file.toString(),
              (long) b.line(),
              name,
              "pool " + name + ": " + b.reason(),
              null),
          clock.instant());
    }
    return new Outcome(name, file, result.added(), bad);
  }

  private static String digest(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read coupon file " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
