package dev.orbweaver.fetch.http;

import dev.orbweaver.fetch.proxy.ProxySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One fetch as a caller asks for it. Fields left {@code null} take the {@link FetchSettings}
 * default; build one with {@link #get(String)} and the {@code with…} methods.
 *
 * @param url absolute http or https URL
 * @param method GET, HEAD or POST
 * @param body request body (POST), or null
 * @param bodyType the body's Content-Type, or null
 * @param headers extra request headers, sent as given (they win over the defaults)
 * @param cookies a Cookie header value ({@code k=v; k=v}) for the first host
 * @param proxy a proxy to fetch through, or null for a direct connection
 * @param userAgent the User-Agent, or null to pick a browser agent
 * @param timeout the total time limit, or null
 * @param maxRedirects the redirect limit, or null
 * @param maxBodyBytes the body limit, or null
 * @param truncateAtLimit keep the first maxBodyBytes and report {@code truncated} instead of
 *     failing with too_large (robots.txt needs only its first 500 KiB)
 */
public record FetchRequest(
    String url,
    String method,
    byte[] body,
    String bodyType,
    Map<String, String> headers,
    String cookies,
    ProxySpec proxy,
    String userAgent,
    Duration timeout,
    Integer maxRedirects,
    Long maxBodyBytes,
    boolean truncateAtLimit) {

  public FetchRequest {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a fetch needs a URL");
    }
    method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
      throw new IllegalArgumentException("method " + method + " is not one of GET, HEAD, POST");
    }
    headers =
        headers == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static FetchRequest get(String url) {
    return new FetchRequest(
        url, "GET", null, null, Map.of(), null, null, null, null, null, null, false);
  }

  public static FetchRequest head(String url) {
    return get(url).withMethod("HEAD");
  }

  public static FetchRequest post(String url, String bodyType, byte[] body) {
    return new FetchRequest(
        url, "POST", body, bodyType, Map.of(), null, null, null, null, null, null, false);
  }

  public FetchRequest withUrl(String value) {
    return new FetchRequest(
        value,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withMethod(String value) {
    return new FetchRequest(
        url,
        value,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withHeaders(Map<String, String> value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        value,
        cookies,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return withHeaders(all);
  }

  public FetchRequest withCookies(String value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        value,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withProxy(ProxySpec value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        value,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withUserAgent(String value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        value,
        timeout,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withTimeout(Duration value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        value,
        maxRedirects,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withMaxRedirects(int value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        timeout,
        value,
        maxBodyBytes,
        truncateAtLimit);
  }

  public FetchRequest withMaxBodyBytes(long value) {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        value,
        truncateAtLimit);
  }

  public FetchRequest truncatingAtLimit() {
    return new FetchRequest(
        url,
        method,
        body,
        bodyType,
        headers,
        cookies,
        proxy,
        userAgent,
        timeout,
        maxRedirects,
        maxBodyBytes,
        true);
  }
}
