package dev.orbweaver.scrape.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.changetracking.Mode;
import dev.orbweaver.scrape.changetracking.Snapshot;
import java.util.Set;

/**
 * The {@code changeTracking} format of a scrape.
 *
 * @param schema the JSON Schema of the tracked fields (json mode), or null to use the json format's
 * @param previous the caller's snapshot (CRW, stateless), or null
 * @param stored compare with the snapshot this service kept from the account's last scrape of the
 *     same URL and tag, and keep the new one (Firecrawl v2, stateful)
 */
public record ChangeTrackingSpec(
    Set<Mode> modes,
    JsonNode schema,
    String prompt,
    Snapshot previous,
    String tag,
    String contentType,
    boolean stored) {

  public ChangeTrackingSpec {
    modes = modes == null ? Set.of() : Set.copyOf(modes);
  }
}
