package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.NameTable;
import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.List;

/**
 * A domain's linking domains gained and lost between two releases. Ids are not stable across
 * releases, names are: both lists are put in name order (original ids are in name order) and merged
 * by name. Added domains are ranked by their authority in the newer release, lost ones by their
 * authority in the older.
 */
public final class ReleaseDiff {
  private ReleaseDiff() {}

  /**
   * @param before store id in the older release, -1 when it lacks the domain
   * @param after store id in the newer release, -1 likewise
   */
  public static Result run(Release older, int before, Release newer, int after, int limit) {
    int[] was = LinkSets.list(older, before);
    int[] is = LinkSets.list(newer, after);
    int[] wasByName = byName(older, was);
    int[] isByName = byName(newer, is);
    NameTable oldNames = older.names();
    NameTable newNames = newer.names();
    int[] lost = new int[was.length];
    int[] added = new int[is.length];
    int lostCount = 0;
    int addedCount = 0;
    int i = 0;
    int j = 0;
    byte[] a = i < wasByName.length ? oldNames.get(older.originalId(wasByName[i])) : null;
    byte[] b = j < isByName.length ? newNames.get(newer.originalId(isByName[j])) : null;
    while (a != null || b != null) {
      int c = a == null ? 1 : b == null ? -1 : Arrays.compareUnsigned(a, b);
      if (c < 0) {
        lost[lostCount++] = wasByName[i++];
      } else if (c > 0) {
        added[addedCount++] = isByName[j++];
      } else {
        i++;
        j++;
      }
      if (c <= 0) {
        a = i < wasByName.length ? oldNames.get(older.originalId(wasByName[i])) : null;
      }
      if (c >= 0) {
        b = j < isByName.length ? newNames.get(newer.originalId(isByName[j])) : null;
      }
    }
    return new Result(
        was.length,
        is.length,
        addedCount,
        lostCount,
        ranked(newer, added, addedCount, limit),
        ranked(older, lost, lostCount, limit));
  }

  /** Store ids sorted by original id, i.e. by name. */
  private static int[] byName(Release release, int[] storeIds) {
    int[] original = new int[storeIds.length];
    int[] out = storeIds.clone();
    for (int k = 0; k < out.length; k++) {
      original[k] = release.originalId(out[k]);
    }
    IntArrays.quickSort(original, out);
    return out;
  }

  private static List<LinkingDomain> ranked(Release release, int[] ids, int count, int limit) {
    int[] sorted = Arrays.copyOf(ids, count);
    Arrays.sort(sorted);
    return LinkingDomain.all(release, Arrays.copyOf(sorted, Math.min(limit, count)));
  }

  /** Linking-domain counts in each release, totals of the changes, and the first changes. */
  public record Result(
      int linkingBefore,
      int linkingAfter,
      int addedTotal,
      int lostTotal,
      List<LinkingDomain> added,
      List<LinkingDomain> lost) {}
}
