package dev.orbweaver.gateway.console.backlinks;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A gap-analysis job: while it runs, its progress (the fragment polls itself); once completed, the
 * gaps, how they overlap the competitors as chart data, and the CSV download.
 */
@TemplateData
public record GapView(
    String jobId,
    String status,
    int progress,
    String failure,
    String myDomain,
    List<String> competitors,
    long totalGaps,
    int listed,
    List<Row> rows,
    String perCompetitorChart,
    String overlapChart) {

  public boolean running() {
    return status.equals("queued") || status.equals("running");
  }

  public boolean completed() {
    return status.equals("completed");
  }

  @TemplateData
  public record Row(String linkingDomain, String foundOn, int competitors) {}
}
