package dev.orbweaver.crawl.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.service.InternalHttp;
import dev.orbweaver.crawl.model.CrawlSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * webhook-service keeps webhook targets and their secrets; a crawl keeps only subscription ids. The
 * target URL passes webhook-service's SSRF guard here, before the crawl exists.
 */
@ApplicationScoped
public class WebhookSubscriptions {
  private final InternalHttp http;
  private final String webhookService;

  @Inject
  public WebhookSubscriptions(
      InternalHttp http,
      @ConfigProperty(name = "orbweaver.webhook.url", defaultValue = "http://127.0.0.1:8085")
          String webhookService) {
    this.http = http;
    this.webhookService = webhookService;
  }

  public String subscribe(long accountId, String ownerRef, CrawlSpec.WebhookTarget target) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account_id", accountId);
    body.put("owner_ref", ownerRef);
    body.put("style", target.style());
    body.put("url", target.url());
    if (target.secret() != null) {
      body.put("secret", target.secret());
    }
    if (target.events() != null && !target.events().isEmpty()) {
      body.put("events", target.events());
    }
    if (target.headers() != null && !target.headers().isEmpty()) {
      body.put("headers", target.headers());
    }
    if (target.metadata() != null) {
      body.put("metadata", target.metadata());
    }
    InternalHttp.Answer answer = http.post(webhookService, "/internal/v1/subscriptions", body);
    if (answer.status() == 400) {
      throw ApiException.validation(
          "webhook: " + answer.body().path("message").asText("the webhook target was refused"));
    }
    if (!answer.ok()) {
      throw new ApiException(
          ErrorKind.UNAVAILABLE, "Webhook registration is unavailable; retry shortly.");
    }
    return answer.body().path("subscription_id").asText();
  }

  /** The delivery state of the subscription's latest terminal event, or a "none" state. */
  public DeliveryState state(String subscriptionId) {
    if (subscriptionId == null) {
      return DeliveryState.NONE;
    }
    try {
      InternalHttp.Answer answer =
          http.get(webhookService, "/internal/v1/subscriptions/" + subscriptionId);
      if (!answer.ok()) {
        return DeliveryState.UNKNOWN;
      }
      JsonNode body = answer.body();
      return new DeliveryState(
          body.path("status").asText("none"),
          body.path("attempts").asInt(0),
          body.path("last_error").isNull() ? null : body.path("last_error").asText(null));
    } catch (ApiException unavailable) {
      return DeliveryState.UNKNOWN;
    }
  }

  /** What crawl status shows of a webhook: status, attempts, last error. */
  public record DeliveryState(String status, int attempts, String lastError) {
    static final DeliveryState NONE = new DeliveryState(null, 0, null);
    static final DeliveryState UNKNOWN =
        new DeliveryState("unknown", 0, "webhook-service unavailable");
  }
}
