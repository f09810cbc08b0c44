package dev.orbweaver.gateway.console.backlinks;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** A backlink lookup's answer, its first rows, and the authority distribution as chart data. */
@TemplateData
public record LookupView(
    String domain,
    String releaseId,
    String releaseLabel,
    int total,
    int returned,
    List<Row> rows,
    String authorityChart) {

  @TemplateData
  public record Row(String linkingDomain, int authority, long rank, int hosts, String tld) {}
}
