package dev.orbweaver.graph.store;

/** The files of one release directory. */
public final class StoreLayout {
  /** The commit record; a directory without it is not a release. */
  public static final String MANIFEST = "manifest.json";

  /** Basename of the transposed graph (predecessor lists) in BVGraph format, store order. */
  public static final String GRAPH = "graph-t";

  /** Names in Common Crawl's order, front-coded ({@link NameTable}). */
  public static final String NAMES = "names.fc";

  /** Names forwards with num_hosts and PageRank, in store order ({@link DomainListing}). */
  public static final String LISTING = "listing.bin";

  /** {@link VertexTable} records in store order. */
  public static final String VERTICES = "vertices.bin";

  /** Original id to store id, one int per vertex. */
  public static final String STORE_IDS = "store-ids.bin";

  /** Prefix of the directory an ingest writes before it commits. */
  public static final String PENDING_PREFIX = ".ingest-";

  private StoreLayout() {}
}
