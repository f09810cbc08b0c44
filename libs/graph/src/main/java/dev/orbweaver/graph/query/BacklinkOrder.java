package dev.orbweaver.graph.query;

/** The two orders the CrawlGraph API offers for backlinks. */
public enum BacklinkOrder {
  /** {@code cg_authority} desc, then {@code num_hosts} desc: the store's own order. */
  AUTHORITY,
  /** {@code num_hosts} desc (the legacy order), ties in authority order. */
  HOSTS
}
