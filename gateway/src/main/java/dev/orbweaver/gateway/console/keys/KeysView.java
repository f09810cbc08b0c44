package dev.orbweaver.gateway.console.keys;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The keys page: the account's keys, the key just created (shown this once), and what happened. */
@TemplateData
public record KeysView(List<Key> keys, NewKey created, String notice, String error) {

  /** A key as listed: never its secret. */
  @TemplateData
  public record Key(
      String id,
      String prefix,
      String label,
      String created,
      String lastUsed,
      String revoked,
      boolean thisBrowser) {
    public boolean active() {
      return revoked == null;
    }
  }

  /** A key just created, with its full secret. */
  @TemplateData
  public record NewKey(String id, String key, String prefix, String label) {}
}
