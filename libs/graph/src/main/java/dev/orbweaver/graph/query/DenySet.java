package dev.orbweaver.graph.query;

import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.store.NameTable;
import dev.orbweaver.graph.store.Release;
import java.util.BitSet;
import java.util.Collection;

/** Marks the store ids of denied domains and of every domain below them ({@code *.github.io}). */
public final class DenySet {
  private DenySet() {}

  public static BitSet of(Release release, Collection<DomainName> denied) {
    BitSet out = new BitSet(release.vertexCount());
    for (DomainName domain : denied) {
      NameTable.Subtree subtree = release.names().subtree(domain.reversedBytes());
      if (subtree.exact() >= 0) {
        out.set(release.vertices().storeId(subtree.exact()));
      }
      for (long original = subtree.from(); original < subtree.to(); original++) {
        out.set(release.vertices().storeId(original));
      }
    }
    return out;
  }
}
