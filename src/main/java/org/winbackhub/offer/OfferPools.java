package org.winbackhub.offer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;

/**
 * The coupon pools of {@code config/offers.yaml}, by the name a journey step's {@code offer} gives:
 *
 * <pre>
 * pools:
 *   winback-10:
 *     text: "10 % en tu próxima compra"      # {{offer}} in templates
 *     generate: {prefix: "WB10-", length: 8} # codes the hub makes, with a check character
 *   shop-spring:
 *     text: "Envío gratis"
 *     file: offers/spring-codes.csv          # codes the shop issued, relative to config/
 *     column: code                           # a CSV with a header; without it, one code a line
 * </pre>
 */
public final class OfferPools {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final int TEXT_MAX = 200;

  /** The file as written. */
  public record File(Map<String, Pool> pools) {
    public File {
      pools = pools == null ? Map.of() : new TreeMap<>(pools);
      for (var p : pools.entrySet()) {
        if (!NAME.matcher(p.getKey()).matches()) {
          throw new ConfigValueException(
              "pools: '"
                  + p.getKey()
                  + "' is no pool name: lower-case letters, digits and dashes, at most 64");
        }
        if (p.getValue() == null) {
          throw new ConfigValueException("pools." + p.getKey() + ": a pool needs text and codes");
        }
      }
    }
  }

  /**
   * One pool: the words of its offer, and where its codes come from: a {@code file} the shop issued
   * (with the {@code column} holding the code when it is a CSV with a header), or {@code generate}.
   */
  public record Pool(String text, String file, String column, Generate generate) {
    public Pool {
      if (text == null || text.isBlank()) {
        throw new ConfigValueException(
            "text: missing: the offer in words, as templates show it ({{offer}})");
      }
      text = text.strip();
      if (text.length() > TEXT_MAX) {
        throw new ConfigValueException("text: at most " + TEXT_MAX + " characters");
      }
      if ((file == null) == (generate == null)) {
        throw new ConfigValueException(
            "file: give either file (codes the shop issued) or generate (codes the hub makes),"
                + " not both nor neither");
      }
      if (column != null && file == null) {
        throw new ConfigValueException("column: only for a file pool");
      }
    }

    public boolean generated() {
      return generate != null;
    }
  }

  /**
   * Codes the hub makes: {@code prefix} (upper-case letters, digits, dashes; at most 16), then
   * {@code length} random characters (6 to 16, default 8) of {@link CouponCodes#ALPHABET} and one
   * check character.
   */
  public record Generate(String prefix, Integer length) {
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9-]{0,16}");

    public Generate {
      prefix = prefix == null ? "" : prefix;
      if (!PREFIX.matcher(prefix).matches()) {
        throw new ConfigValueException(
            "prefix: upper-case letters, digits and dashes, at most 16, got '" + prefix + "'");
      }
      length = length == null ? 8 : length;
      if (length < 6 || length > 16) {
        throw new ConfigValueException(
            "length: random characters before the check character, 6 to 16, got " + length);
      }
    }
  }

  public static final OfferPools NONE = new OfferPools(Path.of("config/offers.yaml"), Map.of());

  private final Path path;
  private final Map<String, Pool> pools;

  private OfferPools(Path path, Map<String, Pool> pools) {
    this.path = path;
    this.pools = pools;
  }

  /** Reads {@code config/offers.yaml}; no file means no pools. */
  public static OfferPools load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new OfferPools(file, Map.of());
    }
    return new OfferPools(file, YamlFiles.read(file, File.class).pools());
  }

  public Optional<Pool> find(String name) {
    return Optional.ofNullable(name == null ? null : pools.get(name));
  }

  /** The pools by name, in name order. */
  public Map<String, Pool> pools() {
    return pools;
  }

  /** offers.yaml itself. */
  public Path path() {
    return path;
  }

  /** The codes file of a file pool, relative to the folder of offers.yaml. */
  public Path codesFile(Pool pool) {
    Path dir = path.getParent();
    return (dir == null ? Path.of(pool.file()) : dir.resolve(pool.file())).normalize();
  }
}
