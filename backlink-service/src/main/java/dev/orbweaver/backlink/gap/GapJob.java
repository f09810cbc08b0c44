package dev.orbweaver.backlink.gap;

import java.time.Instant;
import java.util.List;

/** One gap-analysis job of one account. */
public record GapJob(
    String id,
    long accountId,
    long projectId,
    String releaseId,
    String myDomain,
    List<String> competitorDomains,
    GapStatus status,
    int progressPct,
    int attempts,
    GapOutcome outcome,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt) {

  public GapJob {
    competitorDomains = List.copyOf(competitorDomains);
  }
}
