package dev.orbweaver.crawl.model;

import java.util.Optional;

/**
 * AlterLab's scrape tiers, cheapest first: what fetches a page, and so what a page costs. Tier 1 is
 * a plain HTTP fetch; tier 4 is a headless browser. Which tiers an installation serves is up to the
 * page fetchers it runs.
 */
public enum Tier {
  T1("1"),
  T2("2"),
  T3("3"),
  T3_5("3.5"),
  T4("4");

  private final String wire;

  Tier(String wire) {
    this.wire = wire;
  }

  /** The name AlterLab's wire format uses: "1", "2", "3", "3.5", "4". */
  public String wire() {
    return wire;
  }

  public static Optional<Tier> ofWire(String wire) {
    for (Tier t : values()) {
      if (t.wire.equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
