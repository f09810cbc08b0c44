package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.graph.query.LinkingDomain;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One linking domain, with the CrawlGraph field names (no rename layer). */
@Schema(name = "LinkingDomain")
public record LinkingDomainJson(
    @JsonProperty("linking_domain") @Schema(examples = "blog.foo.com") String linkingDomain,
    @JsonProperty("num_hosts") @Schema(examples = "12") int numHosts,
    @Schema(examples = "com") String tld,
    @JsonProperty("cg_authority")
        @Schema(
            description =
                "0-100 log-rank percentile of the harmonic-centrality position; null when the"
                    + " ranks file lacks the domain",
            nullable = true,
            examples = "84")
        Integer cgAuthority,
    @JsonProperty("cg_rank")
        @Schema(
            description = "PageRank position across the whole graph (1 = top); null likewise",
            nullable = true,
            examples = "1421")
        Integer cgRank) {

  static LinkingDomainJson of(LinkingDomain domain) {
    return new LinkingDomainJson(
        domain.domain(), domain.numHosts(), domain.tld(), domain.authority(), domain.rank());
  }
}
