package dev.orbweaver.fetch.http;

import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.BlockedAddressException;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.fetch.guard.InetAddresses;
import dev.orbweaver.fetch.guard.Ipv4Notation;
import dev.orbweaver.fetch.proxy.ProxyException;
import dev.orbweaver.fetch.proxy.ProxySpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Cookie;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The one way Orbweaver fetches a URL. Every hop goes through the SSRF guard: the host is resolved
 * by the guard and the connection is made to the address it vetted, redirects are followed here
 * (not by the client) so that each target is checked again, bodies are held to a limit on the wire
 * and after decoding, and failures come back as a {@link FetchException} of one {@link
 * FailureKind}.
 *
 * <p>Thread-safe and meant to be shared: one instance holds the connection pool. Calls block, which
 * is cheap on virtual threads; crawl workers call it from many of them at once.
 */
public final class Fetcher implements AutoCloseable {

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Headers the client owns: framing and the connection target are not the caller's to set. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te");

  /** Credentials a caller meant for the first host; they do not follow a redirect elsewhere. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private static final String ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private final FetchSettings settings;
  private final AddressGuard guard;
  private final OkHttpClient direct;
  private final ProxiedClients proxied;
  private final CallDeadlines deadlines = new CallDeadlines();

  public Fetcher(FetchSettings settings) {
    this(settings, HostResolver.system());
  }

  public Fetcher(FetchSettings settings, HostResolver resolver) {
    this.settings = settings;
    this.guard = new AddressGuard(settings.allowedPrivateCidrs(), resolver);
    this.direct =
        new OkHttpClient.Builder()
            .dns(guard::resolve)
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(true)
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .sslSocketFactory(settings.tls().socketFactory(), settings.tls().trustManager())
            .connectionPool(new ConnectionPool(settings.maxIdleConnections(), 5, TimeUnit.MINUTES))
            .addNetworkInterceptor(
                chain -> {
                  RemoteAddress remote = chain.request().tag(RemoteAddress.class);
                  if (remote != null && chain.connection() != null) {
                    remote.address = chain.connection().route().socketAddress();
                  }
                  return chain.proceed(chain.request());
                })
            .build();
    this.proxied = new ProxiedClients(direct, guard, settings.tls());
  }

  public FetchSettings settings() {
    return settings;
  }

  /** The guard this fetcher vets addresses with, for callers that connect by other means. */
  public AddressGuard guard() {
    return guard;
  }

  public FetchResult fetch(FetchRequest request) throws FetchException {
    return fetch(request, HopCheck.NONE);
  }

  /**
   * Fetches a URL, following redirects up to the limit.
   *
   * @param hopCheck run on the URL and on every redirect target before it is requested
   * @throws FetchException when there is no response to report; HTTP error statuses are results
   */
  public FetchResult fetch(FetchRequest request, HopCheck hopCheck) throws FetchException {
    long start = System.nanoTime();
    Duration timeout = request.timeout() != null ? request.timeout() : settings.totalTimeout();
    long deadline = start + timeout.toNanos();
    int maxRedirects =
        request.maxRedirects() != null ? request.maxRedirects() : settings.maxRedirects();
    long maxBody =
        request.maxBodyBytes() != null ? request.maxBodyBytes() : settings.maxBodyBytes();
    ProxySpec proxy = request.proxy();
    OkHttpClient client = proxy == null ? direct : proxied.clientFor(proxy);
    String userAgent =
        request.userAgent() == null || request.userAgent().isBlank()
            ? settings.userAgents().next()
            : request.userAgent();

    HttpUrl url = parse(request.url(), request.url());
    if (proxy != null) {
      vetLiteralProxy(proxy, request.url());
    }
    String firstHost = url.host();
    String method = request.method();
    byte[] body = request.body();
    List<Redirect> redirects = new ArrayList<>();
    List<Cookie> jar = new ArrayList<>();

    while (true) {
      hopCheck.check(url.toString());
      vetLiteralHost(url);
      boolean sameHost = url.host().equals(firstHost);
      Request hop;
      try {
        hop = buildRequest(request, url, method, body, userAgent, sameHost, jar, proxy);
      } catch (IllegalArgumentException e) {
        // OkHttp refuses header names and values that HTTP cannot carry.
        throw new FetchException(FailureKind.INVALID_REQUEST, url.toString(), e.getMessage(), e);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new FetchException(
            FailureKind.TIMEOUT, url.toString(), "the total time limit of " + timeout + " ran out");
      }
      Call call = client.newCall(hop);
      deadlines.watch(call, deadline);
      try (Response response = call.execute()) {
        jar.addAll(Cookie.parseAll(url, response.headers()));
        int status = response.code();
        String location = response.header("Location");
        if (REDIRECTS.contains(status) && location != null) {
          if (redirects.size() >= maxRedirects) {
            throw new FetchException(
                FailureKind.TOO_MANY_REDIRECTS,
                url.toString(),
                "more than " + maxRedirects + " redirects");
          }
          HttpUrl next = resolveRedirect(url, location);
          redirects.add(new Redirect(url.toString(), status, next.toString()));
          if (status == 303 && !method.equals("HEAD")
              || (status == 301 || status == 302) && method.equals("POST")) {
            method = "GET";
            body = null;
          }
          url = next;
          continue;
        }
        if (proxy != null && status == 407) {
          throw new FetchException(
              FailureKind.PROXY, url.toString(), proxy + " asked for proxy authentication (407)");
        }
        long headersAt = System.nanoTime();
        ContentDecoding.Body decoded =
            ContentDecoding.read(
                response.body().byteStream(),
                response.header("Content-Encoding"),
                maxBody,
                request.truncateAtLimit());
        long end = System.nanoTime();
        RemoteAddress remote = hop.tag(RemoteAddress.class);
        return result(request, url, redirects, response, decoded, remote, start, headersAt, end);
      } catch (IOException e) {
        if (call.isCanceled() && System.nanoTime() - deadline >= 0) {
          throw new FetchException(
              FailureKind.TIMEOUT,
              url.toString(),
              "the total time limit of " + timeout + " ran out",
              e);
        }
        throw failure(e, url.toString(), proxy);
      } finally {
        deadlines.forget(call);
      }
    }
  }

  @Override
  public void close() {
    deadlines.close();
    direct.connectionPool().evictAll();
    proxied.close();
  }

  private FetchResult result(
      FetchRequest request,
      HttpUrl url,
      List<Redirect> redirects,
      Response response,
      ContentDecoding.Body decoded,
      RemoteAddress remote,
      long start,
      long headersAt,
      long end) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Headers raw = response.headers();
    for (int i = 0; i < raw.size(); i++) {
      headers
          .computeIfAbsent(raw.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(raw.value(i));
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    String contentType = response.header("Content-Type");
    String mediaType = MediaTypes.fromHeader(contentType);
    if (mediaType == null) {
      mediaType = MediaTypes.sniff(decoded.bytes());
    }
    DetectedCharset charset = Charsets.detect(decoded.bytes(), contentType, mediaType);
    return new FetchResult(
        request.url(),
        url.toString(),
        redirects,
        response.code(),
        headers,
        decoded.bytes(),
        decoded.truncated(),
        mediaType,
        charset.charset(),
        charset.source(),
        remote == null ? null : remote.address,
        new FetchTiming(Duration.ofNanos(headersAt - start), Duration.ofNanos(end - start)));
  }

  private Request buildRequest(
      FetchRequest request,
      HttpUrl url,
      String method,
      byte[] body,
      String userAgent,
      boolean sameHost,
      List<Cookie> jar,
      ProxySpec proxy) {
    Request.Builder builder = new Request.Builder().url(url);
    builder.header("User-Agent", userAgent);
    builder.header("Accept", ACCEPT);
    builder.header("Accept-Language", "en-US,en;q=0.9");
    builder.header("Accept-Encoding", "gzip, deflate, br");
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(name) || (!sameHost && CREDENTIAL_HEADERS.contains(name))) {
        continue;
      }
      builder.header(header.getKey(), header.getValue());
    }
    String cookies = cookieHeader(request, url, sameHost, jar);
    if (cookies != null) {
      builder.header("Cookie", cookies);
    }
    if (proxy != null
        && proxy.hasCredentials()
        && !url.isHttps()
        && proxy.scheme() != ProxySpec.Scheme.SOCKS5) {
      // Plain-http requests go to an HTTP proxy as they are: send the credentials up front.
      builder.header("Proxy-Authorization", Credentials.basic(proxy.username(), proxy.password()));
    }
    RequestBody requestBody = null;
    if (method.equals("POST")) {
      MediaType type = request.bodyType() == null ? null : MediaType.parse(request.bodyType());
      requestBody = RequestBody.create(body == null ? new byte[0] : body, type);
    }
    builder.method(method, requestBody);
    builder.tag(RemoteAddress.class, new RemoteAddress());
    return builder.build();
  }

  private static String cookieHeader(
      FetchRequest request, HttpUrl url, boolean sameHost, List<Cookie> jar) {
    List<String> parts = new ArrayList<>();
    if (sameHost) {
      String given =
          request.headers().entrySet().stream()
              .filter(h -> h.getKey().equalsIgnoreCase("Cookie"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (given != null && !given.isBlank()) {
        parts.add(given.strip());
      }
      if (request.cookies() != null && !request.cookies().isBlank()) {
        parts.add(request.cookies().strip());
      }
    }
    long now = System.currentTimeMillis();
    for (Cookie cookie : jar) {
      if (cookie.expiresAt() > now && cookie.matches(url)) {
        parts.add(cookie.name() + "=" + cookie.value());
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /**
   * Parses a URL as browsers do, writing any IPv4 notation in its dotted form so that the guard,
   * the Host header and the result all see the same host.
   */
  private static HttpUrl parse(String text, String context) throws FetchException {
    String trimmed = text.strip();
    Matcher scheme = SCHEME.matcher(trimmed);
    if (!scheme.find()) {
      throw new FetchException(
          FailureKind.INVALID_URL, context, "'" + trimmed + "' is not an absolute URL");
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!name.equals("http") && !name.equals("https")) {
      throw new FetchException(
          FailureKind.UNSUPPORTED_SCHEME, context, "scheme '" + name + "' is not http or https");
    }
    HttpUrl url = HttpUrl.parse(trimmed);
    if (url == null) {
      throw new FetchException(
          FailureKind.INVALID_URL, context, "'" + trimmed + "' is not a valid URL");
    }
    return canonicalHost(url, context);
  }

  private static HttpUrl canonicalHost(HttpUrl url, String context) throws FetchException {
    String host = url.host();
    if (host.indexOf(':') >= 0) {
      return url;
    }
    try {
      Optional<java.net.Inet4Address> v4 = Ipv4Notation.parse(host);
      if (v4.isPresent() && !v4.get().getHostAddress().equals(host)) {
        return url.newBuilder().host(v4.get().getHostAddress()).build();
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new FetchException(FailureKind.INVALID_URL, context, e.getMessage());
    }
  }

  private static HttpUrl resolveRedirect(HttpUrl from, String location) throws FetchException {
    Matcher scheme = SCHEME.matcher(location.strip());
    if (scheme.find()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("http") && !name.equals("https")) {
        throw new FetchException(
            FailureKind.UNSUPPORTED_SCHEME,
            from.toString(),
            "redirect to scheme '" + name + "' (" + location + ")");
      }
    }
    HttpUrl next = from.resolve(location.strip());
    if (next == null) {
      throw new FetchException(
          FailureKind.INVALID_URL, from.toString(), "redirect to an invalid URL: " + location);
    }
    return canonicalHost(next, from.toString());
  }

  /**
   * A literal address is refused before anything is sent, also when a proxy would make the
   * connection (the proxy resolves names itself, but a literal is ours to judge).
   */
  private void vetLiteralHost(HttpUrl url) throws FetchException {
    Optional<InetAddress> literal = InetAddresses.parseUrlHost(url.host());
    if (literal.isPresent()) {
      try {
        guard.vet(url.host(), literal.get());
      } catch (BlockedAddressException e) {
        throw new FetchException(
            FailureKind.BLOCKED_PRIVATE_ADDRESS, url.toString(), e.getMessage(), e);
      }
    }
  }

  /**
   * OkHttp connects to a literal proxy address without asking the Dns hook, so literals are vetted
   * here; proxy names go through the hook (HTTP) or the SOCKS socket factory.
   */
  private void vetLiteralProxy(ProxySpec proxy, String url) throws FetchException {
    Optional<InetAddress> literal;
    try {
      literal = InetAddresses.parseUrlHost(proxy.host());
    } catch (IllegalArgumentException e) {
      throw new FetchException(FailureKind.PROXY, url, proxy + ": " + e.getMessage());
    }
    if (literal.isPresent()) {
      try {
        guard.vet(proxy.host(), literal.get());
      } catch (BlockedAddressException e) {
        throw new FetchException(
            FailureKind.BLOCKED_PRIVATE_ADDRESS, url, "proxy " + proxy + ": " + e.getMessage(), e);
      }
    }
  }

  private static FetchException failure(IOException e, String url, ProxySpec proxy) {
    if (Thread.currentThread().isInterrupted()) {
      return new FetchException(FailureKind.CANCELLED, url, "the fetch was interrupted", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException blocked) {
        return new FetchException(
            FailureKind.BLOCKED_PRIVATE_ADDRESS, url, blocked.getMessage(), e);
      }
      if (t instanceof ProxyException refused) {
        FailureKind kind =
            switch (refused.reason()) {
              case PROXY_REFUSED -> FailureKind.PROXY;
              case TARGET_UNREACHABLE -> FailureKind.CONNECT;
              case TARGET_TIMEOUT -> FailureKind.TIMEOUT;
            };
        return new FetchException(kind, url, refused.getMessage(), e);
      }
      if (t instanceof BodyTooLargeException tooLarge) {
        return new FetchException(FailureKind.TOO_LARGE, url, tooLarge.getMessage(), e);
      }
      if (t instanceof ContentDecoding.DecodingException decoding) {
        return new FetchException(FailureKind.PROTOCOL, url, decoding.getMessage(), e);
      }
      if (t instanceof SSLException || t instanceof CertificateException) {
        return new FetchException(FailureKind.TLS, url, "TLS failed: " + t.getMessage(), e);
      }
    }
    if (e instanceof UnknownHostException) {
      return new FetchException(
          FailureKind.DNS, url, "the host does not resolve: " + e.getMessage(), e);
    }
    if (e instanceof SocketTimeoutException) {
      return new FetchException(FailureKind.TIMEOUT, url, describeTimeout(e), e);
    }
    if (e instanceof InterruptedIOException) {
      return new FetchException(FailureKind.TIMEOUT, url, "the total time limit ran out", e);
    }
    String message = String.valueOf(e.getMessage());
    if (proxy != null
        && (message.contains("proxy")
            || message.startsWith("Unexpected response code for CONNECT"))) {
      return new FetchException(FailureKind.PROXY, url, proxy + ": " + message, e);
    }
    if (e instanceof java.net.ProtocolException) {
      return new FetchException(FailureKind.PROTOCOL, url, message, e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new FetchException(FailureKind.CONNECT, url, "could not connect: " + message, e);
    }
    if (e instanceof SocketException) {
      return new FetchException(FailureKind.CONNECT, url, "the connection broke: " + message, e);
    }
    return new FetchException(FailureKind.CONNECT, url, message, e);
  }

  private static String describeTimeout(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("connect")) {
      return "connecting timed out";
    }
    return "reading timed out";
  }

  /** Where a hop's connection went; filled in by a network interceptor. */
  private static final class RemoteAddress {
    volatile InetSocketAddress address;
  }
}
