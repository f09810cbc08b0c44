package dev.orbweaver.fetch.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.fixture.FixtureServer;
import dev.orbweaver.fetch.fixture.MapResolver;
import dev.orbweaver.fetch.fixture.TestProxy;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.http.FailureKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.Fetcher;
import dev.orbweaver.fetch.http.TlsTrust;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyFetchTest {

  private static final FetchSettings LOOPBACK =
      FetchSettings.defaults()
          .withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.0/8"))
          .withTls(TlsTrust.of(FixtureServer.fixtureKeyStore()));

  private FixtureServer site;
  private FixtureServer secure;
  private Fetcher fetcher;

  @BeforeEach
  void start() {
    site = FixtureServer.http("127.0.0.1");
    site.document("/article.html", "site/article.html", "Content-Type", "text/html; charset=utf-8");
    secure = FixtureServer.https("127.0.0.1");
    secure.document(
        "/article.html", "site/article.html", "Content-Type", "text/html; charset=utf-8");
    fetcher = new Fetcher(LOOPBACK, new MapResolver(Map.of("site.example", List.of("127.0.0.1"))));
  }

  @AfterEach
  void stop() {
    fetcher.close();
    site.close();
    secure.close();
  }

  @Test
  void fetchesPlainHttpThroughAnHttpProxyWithCredentials() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.HTTP, "127.0.0.5", "weaver", "s3cret:/@")) {
      FetchResult result =
          fetcher.fetch(
              FetchRequest.get(site.url("/article.html"))
                  .withProxy(ProxySpec.parse(proxy.urlWith("weaver", "s3cret%3A%2F%40"))));

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.text()).contains("Weaving orb webs");
      assertThat(result.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.5");
      assertThat(proxy.requests()).containsExactly("GET " + site.url("/article.html"));
    }
  }

  @Test
  void tunnelsHttpsThroughAnHttpProxy() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.HTTP, "127.0.0.5", "weaver", "pw")) {
      FetchResult result =
          fetcher.fetch(
              FetchRequest.get(secure.url("/article.html"))
                  .withProxy(ProxySpec.parse(proxy.url())));

      assertThat(result.status()).isEqualTo(200);
      assertThat(proxy.requests()).containsExactly("CONNECT 127.0.0.1:" + secure.port());
    }
  }

  @Test
  void speaksTlsToAnHttpsProxy() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.HTTPS, "127.0.0.4", null, null)) {
      FetchResult plain =
          fetcher.fetch(
              FetchRequest.get(site.url("/article.html")).withProxy(ProxySpec.parse(proxy.url())));
      FetchResult tunnelled =
          fetcher.fetch(
              FetchRequest.get(secure.url("/article.html"))
                  .withProxy(ProxySpec.parse(proxy.url())));

      assertThat(plain.status()).isEqualTo(200);
      assertThat(tunnelled.status()).isEqualTo(200);
      assertThat(proxy.requests())
          .containsExactly(
              "GET " + site.url("/article.html"), "CONNECT 127.0.0.1:" + secure.port());
    }
  }

  @Test
  void reportsRejectedProxyCredentialsAsProxy() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.HTTP, "127.0.0.5", "weaver", "pw")) {
      ProxySpec wrong = ProxySpec.parse(proxy.urlWith("weaver", "nope"));

      assertKind(
          () -> fetcher.fetch(FetchRequest.get(site.url("/article.html")).withProxy(wrong)),
          FailureKind.PROXY);
      assertKind(
          () -> fetcher.fetch(FetchRequest.get(secure.url("/article.html")).withProxy(wrong)),
          FailureKind.PROXY);
    }
  }

  @Test
  void tellsASocks5ProxyTheVettedAddressNotTheName() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.SOCKS5, "127.0.0.5", "weaver", "pw")) {
      FetchResult result =
          fetcher.fetch(
              FetchRequest.get("http://site.example:" + site.port() + "/article.html")
                  .withProxy(ProxySpec.parse(proxy.url())));
      FetchResult tls =
          fetcher.fetch(
              FetchRequest.get(secure.url("/article.html"))
                  .withProxy(ProxySpec.parse(proxy.url())));

      assertThat(result.status()).isEqualTo(200);
      assertThat(tls.status()).isEqualTo(200);
      assertThat(result.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(proxy.requests())
          .containsExactly("SOCKS5 127.0.0.1:" + site.port(), "SOCKS5 127.0.0.1:" + secure.port());
    }
  }

  @Test
  void reportsSocks5Failures() throws Exception {
    try (TestProxy proxy = new TestProxy(TestProxy.Kind.SOCKS5, "127.0.0.5", "weaver", "pw")) {
      assertKind(
          () ->
              fetcher.fetch(
                  FetchRequest.get(site.url("/article.html"))
                      .withProxy(ProxySpec.parse(proxy.urlWith("weaver", "nope")))),
          FailureKind.PROXY);
      assertKind(
          () ->
              fetcher.fetch(
                  FetchRequest.get("http://127.0.0.6:9/").withProxy(ProxySpec.parse(proxy.url()))),
          FailureKind.CONNECT);
    }
  }

  @Test
  void refusesAProxyOnAPrivateAddressUnlessAllowed() throws Exception {
    FetchSettings onlySite =
        LOOPBACK.withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.1/32"));
    try (Fetcher strict = new Fetcher(onlySite);
        TestProxy socks = new TestProxy(TestProxy.Kind.SOCKS5, "127.0.0.5", null, null);
        TestProxy http = new TestProxy(TestProxy.Kind.HTTP, "127.0.0.5", null, null)) {
      assertKind(
          () ->
              strict.fetch(
                  FetchRequest.get(site.url("/article.html"))
                      .withProxy(ProxySpec.parse(socks.url()))),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
      assertKind(
          () ->
              strict.fetch(
                  FetchRequest.get(site.url("/article.html"))
                      .withProxy(ProxySpec.parse(http.url()))),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
      assertThat(socks.requests()).isEmpty();
      assertThat(http.requests()).isEmpty();
    }
  }

  @Test
  void refusesAPrivateTargetAddressEvenThroughAProxy() throws Exception {
    FetchSettings onlyProxy =
        LOOPBACK.withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.5/32"));
    try (Fetcher strict = new Fetcher(onlyProxy);
        TestProxy http = new TestProxy(TestProxy.Kind.HTTP, "127.0.0.5", null, null);
        TestProxy socks = new TestProxy(TestProxy.Kind.SOCKS5, "127.0.0.5", null, null)) {
      assertKind(
          () ->
              strict.fetch(
                  FetchRequest.get("http://169.254.169.254/latest/")
                      .withProxy(ProxySpec.parse(http.url()))),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
      assertKind(
          () ->
              strict.fetch(
                  FetchRequest.get(site.url("/article.html"))
                      .withProxy(ProxySpec.parse(socks.url()))),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
      assertThat(http.requests()).isEmpty();
      assertThat(socks.requests()).isEmpty();
    }
  }

  @Test
  void parsesProxyUrls() {
    assertThat(ProxySpec.parse("socks5://u:p%40ss@proxy.example"))
        .isEqualTo(new ProxySpec(ProxySpec.Scheme.SOCKS5, "proxy.example", 1080, "u", "p@ss"));
    assertThat(ProxySpec.parse("http://proxy.example:3128"))
        .isEqualTo(new ProxySpec(ProxySpec.Scheme.HTTP, "proxy.example", 3128, null, null));
    assertThat(ProxySpec.parse("https://[::1]").toString()).isEqualTo("https://[::1]:443");
    assertThat(ProxySpec.parse("socks5://u:secret@h:1").toString()).isEqualTo("socks5://u:***@h:1");
    assertThatThrownBy(() -> ProxySpec.parse("socks4://h:1080"))
        .hasMessageContaining("not one of http, https, socks5");
    assertThatThrownBy(() -> ProxySpec.parse("proxy.example:3128"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProxySpec.parse("http://h:3128/path"))
        .hasMessageContaining("must not have a path");
  }

  private static void assertKind(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, FailureKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
  }
}
