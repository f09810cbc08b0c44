package dev.orbweaver.gateway.console.usage;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The usage page: each monthly quota as a bar, concurrency slots and credits. */
@TemplateData
public record UsageView(
    String plan,
    String periodStart,
    String resetDate,
    List<Quota> quotas,
    List<Slots> concurrency,
    String credits) {

  /** One quota: a bar of used (and reserved) against the limit, reset on resetDate. */
  @TemplateData
  public record Quota(
      String resource, long used, long reserved, Long limit, String remaining, String resetDate) {
    public boolean unlimited() {
      return limit == null;
    }

    /** The bar's scale: the limit, or (unlimited) the use itself so that the bar is not empty. */
    public long scale() {
      return limit == null ? Math.max(used, 1) : Math.max(limit, 1);
    }

    /** Where the bar turns amber, then red. */
    public long low() {
      return scale() * 7 / 10;
    }

    public long high() {
      return scale() * 9 / 10;
    }

    public int percent() {
      return limit == null ? 0 : (int) Math.min(100, Math.round(100.0 * used / scale()));
    }
  }

  @TemplateData
  public record Slots(String resource, long inUse, Long limit) {}
}
