package dev.orbweaver.backlink.gap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A completed job's result as stored: the domains asked about, the release used, how many gaps
 * there are and the first ones in authority order with the competitors each links to.
 */
public record GapOutcome(
    @JsonProperty("my_domain") String myDomain,
    @JsonProperty("competitor_domains") List<String> competitorDomains,
    @JsonProperty("release_id") String releaseId,
    @JsonProperty("total_gaps") long totalGaps,
    @JsonProperty("gaps") List<Gap> gaps) {

  public record Gap(
      @JsonProperty("linking_domain") String linkingDomain,
      @JsonProperty("found_on") List<String> foundOn) {}
}
