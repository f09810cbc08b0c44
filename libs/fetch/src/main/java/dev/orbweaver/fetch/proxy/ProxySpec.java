package dev.orbweaver.fetch.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A proxy to fetch through, as callers write it: {@code http://host:3128}, {@code
 * https://user:pass@host:443}, {@code socks5://user:pass@host:1080}.
 *
 * <p>{@code http} and {@code https} proxies resolve the target's name themselves (a literal target
 * address is still vetted); {@code socks5} resolves locally, so the target is vetted like a direct
 * fetch and the proxy is told the vetted address. The proxy's own address is always vetted.
 */
public record ProxySpec(Scheme scheme, String host, int port, String username, String password) {

  /** How Orbweaver talks to the proxy. */
  public enum Scheme {
    /** Plain HTTP to the proxy: absolute-URI requests, CONNECT tunnels for https targets. */
    HTTP,
    /** The same over TLS to the proxy. */
    HTTPS,
    /** SOCKS version 5 (RFC 1928), with username/password authentication (RFC 1929). */
    SOCKS5
  }

  public ProxySpec {
    if (scheme == null || host == null || host.isBlank()) {
      throw new IllegalArgumentException("a proxy needs a scheme and a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port " + port + " is outside 1..65535");
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("proxy credentials need both a user name and a password");
    }
  }

  /**
   * Parses a proxy URL. The port defaults to 80 (http), 443 (https) and 1080 (socks5).
   *
   * @throws IllegalArgumentException for another scheme, a missing host or a path
   */
  public static ProxySpec parse(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("proxy URL '" + url + "' is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null) {
      throw new IllegalArgumentException(
          "proxy URL '" + url + "' has no scheme (http, https, socks5)");
    }
    Scheme scheme =
        switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
          case "http" -> Scheme.HTTP;
          case "https" -> Scheme.HTTPS;
          case "socks5" -> Scheme.SOCKS5;
          default ->
              throw new IllegalArgumentException(
                  "proxy scheme '" + uri.getScheme() + "' is not one of http, https, socks5");
        };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("proxy URL '" + url + "' has no host");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw new IllegalArgumentException("proxy URL '" + url + "' must not have a path");
    }
    int port =
        uri.getPort() != -1
            ? uri.getPort()
            : switch (scheme) {
              case HTTP -> 80;
              case HTTPS -> 443;
              case SOCKS5 -> 1080;
            };
    String username = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ProxySpec(scheme, host, port, username, password);
  }

  public boolean hasCredentials() {
    return username != null;
  }

  /** The URL without the password, for logs and error messages. */
  @Override
  public String toString() {
    return scheme.name().toLowerCase(Locale.ROOT)
        + "://"
        + (username == null ? "" : username + ":***@")
        + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
        + ":"
        + port;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
