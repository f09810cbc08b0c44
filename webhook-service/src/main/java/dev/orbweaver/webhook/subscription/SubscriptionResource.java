package dev.orbweaver.webhook.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.webhook.delivery.Deliveries;
import dev.orbweaver.webhook.delivery.TargetGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The internal API crawl-service subscribes through (docs/internal-api.md, "Events and webhooks").
 * A secret goes in and never comes out.
 */
@Path("/internal/v1/subscriptions")
@SpeaksDialect(Dialect.INTERNAL)
@RolesAllowed("service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
  private final Subscriptions subscriptions;
  private final Deliveries deliveries;
  private final SecretBox secrets;
  private final TargetGuard targets;

  @Inject
  public SubscriptionResource(
      Subscriptions subscriptions, Deliveries deliveries, SecretBox secrets, TargetGuard targets) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.targets = targets;
  }

  /** What crawl-service sends. */
  public record Subscribe(
      @JsonProperty("account_id") Long accountId,
      @JsonProperty("owner_ref") String ownerRef,
      String style,
      String url,
      String secret,
      List<String> events,
      Map<String, String> headers,
      JsonNode metadata) {
    /** Never the secret, should anything print a request. */
    @Override
    public String toString() {
      return "Subscribe[owner_ref=" + ownerRef + ", style=" + style + ", url=" + url + "]";
    }
  }

  @POST
  public Response subscribe(Subscribe request) {
    if (request == null || request.accountId() == null || blank(request.ownerRef())) {
      throw ApiException.validation("account_id and owner_ref are required");
    }
    if (request.style() == null || !Subscription.STYLES.contains(request.style())) {
      throw ApiException.validation("style must be one of crawlcrawl, alterlab, stream, firecrawl");
    }
    if (blank(request.url())) {
      throw ApiException.validation("url is required");
    }
    targets.check(request.url());
    checkHeaders(request.headers());
    List<String> events;
    try {
      events = request.events() == null ? null : Subscriptions.known(request.events());
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(e.getMessage());
    }
    String id =
        subscriptions.subscribe(
            new Subscription(
                null,
                request.accountId(),
                request.ownerRef(),
                request.style(),
                request.url(),
                blank(request.secret()) ? null : secrets.seal(request.secret()),
                events,
                request.headers(),
                Subscriptions.orNull(request.metadata())));
    return Response.status(201).entity(Map.of("subscription_id", id)).build();
  }

  @GET
  @Path("{id}")
  public Deliveries.State state(@PathParam("id") String id) {
    subscriptions.find(id).orElseThrow(() -> ApiException.notFound("No such subscription."));
    return deliveries.latestState(id);
  }

  /** Custom headers that could not go on the wire are refused now, not at every attempt. */
  private static void checkHeaders(Map<String, String> headers) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      try {
        new okhttp3.Headers.Builder().add(h.getKey(), h.getValue());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ApiException.validation(
            "webhook header '" + h.getKey() + "' is not a valid HTTP header name and value");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
