package dev.orbweaver.webhook.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an owner's events go. {@code crawlcrawl} is the one-shot {@code webhook_url} of a run (its
 * terminal event, unsigned unless a secret is set); {@code alterlab} is AlterLab's webhook object;
 * {@code stream} is AlterLab's {@code webhook_stream} output, each page in order; {@code firecrawl}
 * is Firecrawl's webhook object (its metadata and a webhookId added to each body, signed with
 * {@code X-Firecrawl-Signature}).
 */
public record Subscription(
    String id,
    long accountId,
    String ownerRef,
    String style,
    String url,
    byte[] sealedSecret,
    List<String> events,
    Map<String, String> headers,
    JsonNode metadata) {

  public static final Set<String> STYLES = Set.of("crawlcrawl", "alterlab", "stream", "firecrawl");
  public static final Set<String> EVENT_TYPES =
      Set.of(
          "crawl.started",
          "crawl.page.completed",
          "crawl.page.failed",
          "crawl.completed",
          "crawl.failed",
          "crawl.cancelled");
  private static final Set<String> TERMINAL =
      Set.of("crawl.completed", "crawl.failed", "crawl.cancelled");
  private static final Set<String> PAGES = Set.of("crawl.page.completed", "crawl.page.failed");

  /** Whether this subscription wants an event of the type. */
  public boolean wants(String type) {
    if (events != null && !events.isEmpty()) {
      return events.contains(type);
    }
    return switch (style) {
      case "crawlcrawl" -> TERMINAL.contains(type);
      case "stream" -> PAGES.contains(type);
      default -> true;
    };
  }

  /**
   * The receiver a URL points at, {@code scheme://host[:port]} without user info: attempts in
   * flight are counted per target.
   */
  public static String targetOf(String url) {
    java.net.URI uri = java.net.URI.create(url);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(java.util.Locale.ROOT);
  }

  /** Stream deliveries go one at a time in event order; others independently. */
  public boolean ordered() {
    return "stream".equals(style);
  }
}
