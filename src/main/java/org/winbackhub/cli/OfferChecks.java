package org.winbackhub.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.journey.Journey;
import org.winbackhub.offer.CouponFile;
import org.winbackhub.offer.OfferPools;

/**
 * The offers: {@code config/offers.yaml} reads; each file pool's file is there and every line of it
 * holds a code (a bad line is told on its own line of that file), no code is in two pools; and
 * every journey step's offer names a pool, told on the line of its {@code offer:}.
 */
final class OfferChecks {
  private record Seen(String pool, Path file, int line) {}

  private final Problems problems;

  OfferChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks the pools and the journeys' offers; returns how many pools there are. */
  int check(Path config, List<Path> journeyFiles) {
    Path yaml = config.resolve("offers.yaml");
    OfferPools[] read = {OfferPools.NONE};
    if (!problems.check(() -> read[0] = OfferPools.load(yaml))) {
      return 0;
    }
    OfferPools pools = read[0];
    Map<String, Integer> lines = Files.isRegularFile(yaml) ? YamlFiles.keyLines(yaml) : Map.of();
    Map<String, Seen> seen = new HashMap<>();
    for (var entry : pools.pools().entrySet()) {
      String name = entry.getKey();
      OfferPools.Pool pool = entry.getValue();
      if (pool.generated()) {
        continue;
      }
      Path file = pools.codesFile(pool);
      if (!Files.isRegularFile(file)) {
        problems.add(
            yaml,
            lines.getOrDefault("/pools/" + name + "/file", 0),
            "pool "
                + name
                + ": no file "
                + problems.rel(file)
                + " (the file is relative to config/): its messages would wait for codes");
        continue;
      }
      problems.check(() -> codes(name, pool, file, seen));
    }
    for (Path file : journeyFiles) {
      offers(file, pools);
    }
    return pools.pools().size();
  }

  private void codes(String name, OfferPools.Pool pool, Path file, Map<String, Seen> seen) {
    CouponFile.Read read = CouponFile.read(file, pool.column());
    for (CouponFile.Bad bad : read.rejected()) {
      problems.add(file, bad.line(), "pool " + name + ": " + bad.reason());
    }
    for (CouponFile.Code code : read.codes()) {
      Seen first = seen.putIfAbsent(CouponFile.key(code.code()), new Seen(name, file, code.line()));
      if (first != null) {
        problems.add(
            file,
            code.line(),
            "pool "
                + name
                + ": the code is in pool "
                + first.pool()
                + " too ("
                + problems.rel(first.file())
                + ":"
                + first.line()
                + "); a code belongs to one pool");
      }
    }
  }

  private void offers(Path file, OfferPools pools) {
    Journey journey;
    try {
      journey = Journey.load(file);
    } catch (RuntimeException e) {
      return; // told by the journey's own check
    }
    Map<String, Integer> lines = YamlFiles.keyLines(file);
    for (int i = 0; i < journey.steps().size(); i++) {
      String offer = journey.steps().get(i).send().offer();
      if (offer != null && pools.find(offer).isEmpty()) {
        problems.add(
            file,
            lines.getOrDefault("/steps/" + i + "/send/offer", 0),
            "offer '"
                + offer
                + "' names no coupon pool of config/offers.yaml; its pools: "
                + pools.pools().keySet());
      }
    }
  }
}
