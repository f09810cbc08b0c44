package dev.orbweaver.graph.query;

import dev.orbweaver.graph.domain.Authority;
import dev.orbweaver.graph.store.Release;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain that links to the one asked about, with what the API reports of it.
 *
 * @param authority {@code cg_authority}, null when the ranks file lacks the domain
 * @param rank {@code cg_rank}, the PageRank position, null likewise
 */
public record LinkingDomain(
    int vertex, String domain, int numHosts, String tld, Integer authority, Integer rank) {

  /** Many at once, in the order given: what they list is looked up together. */
  public static List<LinkingDomain> all(Release release, int[] vertices) {
    Release.Listed listed = release.list(vertices);
    int[] authorities = release.authorities(vertices);
    List<LinkingDomain> out = new ArrayList<>(vertices.length);
    for (int i = 0; i < vertices.length; i++) {
      out.add(
          of(
              vertices[i],
              listed.names()[i],
              listed.numHosts()[i],
              authorities[i],
              listed.pageRankPositions()[i]));
    }
    return out;
  }

  private static LinkingDomain of(
      int vertex, String domain, int numHosts, int authority, int rank) {
    return new LinkingDomain(
        vertex,
        domain,
        numHosts,
        domain.substring(domain.lastIndexOf('.') + 1),
        authority == Authority.NONE ? null : authority,
        rank == 0 ? null : rank);
  }
}
