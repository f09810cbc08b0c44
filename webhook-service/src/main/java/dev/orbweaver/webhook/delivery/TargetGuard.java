package dev.orbweaver.webhook.delivery;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.fetch.config.FetchConfig;
import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.BlockedAddressException;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.webhook.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Webhook targets pass the same SSRF guard as fetching (libs/fetch): at subscription time, and at
 * every delivery, where the connection is made to the address the guard vetted. Private targets
 * only within the operator's {@code ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS}.
 */
@ApplicationScoped
public class TargetGuard {
  private final AddressGuard guard;
  private final OkHttpClient client;

  @Inject
  public TargetGuard(FetchConfig fetch, WebhooksConfig config) {
    this.guard =
        new AddressGuard(
            AllowedPrivateCidrs.parse(fetch.allowedPrivateCidrs().orElse("")),
            HostResolver.system());
    // Redirects are not followed: a receiver answers for itself, and a redirect could point inward.
    // A pooled connection the receiver closed meanwhile is retried on a new one rather than costing
    // the delivery an attempt (the receiver may see it twice; webhook-id tells).
    this.client =
        new OkHttpClient.Builder()
            .dns(guard::resolve)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            .connectionPool(new ConnectionPool(256, 2, TimeUnit.MINUTES))
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.callTimeout())
            .writeTimeout(config.callTimeout())
            .callTimeout(config.callTimeout())
            .build();
  }

  /** The client deliveries go out on. */
  OkHttpClient client() {
    return client;
  }

  /**
   * @throws ApiException 400 naming the URL when it is not http(s) or its host is refused
   */
  public void check(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("webhook url '" + url + "' is not a URL");
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw ApiException.validation("webhook url '" + url + "' must be an http(s) URL");
    }
    try {
      guard.resolve(uri.getHost());
    } catch (BlockedAddressException e) {
      throw ApiException.validation(
          "webhook url '" + url + "' points to a private or reserved address: " + e.getMessage());
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw ApiException.validation("webhook url '" + url + "' does not resolve");
    }
  }
}
