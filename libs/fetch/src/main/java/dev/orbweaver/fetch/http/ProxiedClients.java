package dev.orbweaver.fetch.http;

import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.proxy.ProxySpec;
import dev.orbweaver.fetch.proxy.Socks5SocketFactory;
import dev.orbweaver.fetch.proxy.TlsProxySocketFactory;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * One HTTP client per proxy, each with its own connection pool: OkHttp does not tell pooled
 * connections apart by socket factory, and a connection made through one caller's proxy must never
 * serve another's request. The least recently used clients are dropped past a bound.
 */
final class ProxiedClients {

  private static final int MAX_PROXIES = 64;

  private final OkHttpClient base;
  private final AddressGuard guard;
  private final TlsTrust tls;
  private final Map<ProxySpec, OkHttpClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ProxySpec, OkHttpClient> eldest) {
          if (size() > MAX_PROXIES) {
            eldest.getValue().connectionPool().evictAll();
            return true;
          }
          return false;
        }
      };

  ProxiedClients(OkHttpClient base, AddressGuard guard, TlsTrust tls) {
    this.base = base;
    this.guard = guard;
    this.tls = tls;
  }

  synchronized OkHttpClient clientFor(ProxySpec proxy) {
    return clients.computeIfAbsent(proxy, this::build);
  }

  synchronized void close() {
    clients.values().forEach(c -> c.connectionPool().evictAll());
    clients.clear();
  }

  private OkHttpClient build(ProxySpec proxy) {
    OkHttpClient.Builder builder =
        base.newBuilder().connectionPool(new ConnectionPool(16, 1, TimeUnit.MINUTES));
    switch (proxy.scheme()) {
      case HTTP, HTTPS -> {
        // Unresolved on purpose: OkHttp then resolves the proxy host through the guarded Dns.
        builder.proxy(
            new Proxy(
                Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
        if (proxy.scheme() == ProxySpec.Scheme.HTTPS) {
          builder.socketFactory(new TlsProxySocketFactory(tls.socketFactory(), proxy.host()));
        }
        if (proxy.hasCredentials()) {
          String credentials = Credentials.basic(proxy.username(), proxy.password());
          builder.proxyAuthenticator(
              (route, response) ->
                  response.request().header("Proxy-Authorization") != null
                      ? null
                      : response
                          .request()
                          .newBuilder()
                          .header("Proxy-Authorization", credentials)
                          .build());
        }
      }
      case SOCKS5 ->
          builder.proxy(Proxy.NO_PROXY).socketFactory(new Socks5SocketFactory(proxy, guard));
    }
    return builder.build();
  }
}
