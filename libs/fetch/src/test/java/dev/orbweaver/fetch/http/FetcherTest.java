package dev.orbweaver.fetch.http;

import static dev.orbweaver.fetch.fixture.FixtureServer.readResource;
import static dev.orbweaver.fetch.fixture.FixtureServer.redirect;
import static dev.orbweaver.fetch.fixture.FixtureServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.fixture.FixtureServer;
import dev.orbweaver.fetch.fixture.MapResolver;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FetcherTest {

  private static final FetchSettings LOOPBACK_ALLOWED =
      FetchSettings.defaults().withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.0/8"));

  private FixtureServer site;
  private FixtureServer other;
  private Fetcher fetcher;

  @BeforeEach
  void start() {
    site = FixtureServer.http("127.0.0.1");
    other = FixtureServer.http("127.0.0.2");
    fetcher = new Fetcher(LOOPBACK_ALLOWED);
    site.document("/article.html", "site/article.html", "Content-Type", "text/html; charset=utf-8");
    other.route("/echo", FetcherTest::echoHeaders);
    site.route("/echo", FetcherTest::echoHeaders);
  }

  @AfterEach
  void stop() {
    fetcher.close();
    site.close();
    other.close();
  }

  @Test
  void fetchesAPageAndReportsWhatArrived() throws FetchException {
    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/article.html")));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.finalUrl()).isEqualTo(site.url("/article.html"));
    assertThat(result.redirects()).isEmpty();
    assertThat(result.mediaType()).isEqualTo("text/html");
    assertThat(result.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(result.charsetSource()).isEqualTo(CharsetSource.HEADER);
    assertThat(result.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(result.body()).isEqualTo(readResource("site/article.html"));
    assertThat(result.text()).contains("<h1>Weaving orb webs</h1>");
    assertThat(result.truncated()).isFalse();
    assertThat(result.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(result.remoteAddress().getPort()).isEqualTo(site.port());
    assertThat(result.timing().total()).isGreaterThanOrEqualTo(result.timing().toHeaders());
  }

  @Test
  void refusesLoopbackUnlessTheOperatorAllowsIt() {
    try (Fetcher strict = new Fetcher(FetchSettings.defaults())) {
      assertFailure(
          () -> strict.fetch(FetchRequest.get(site.url("/article.html"))),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
    }
    assertThat(site.hits("/article.html")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]"})
  void readsEveryLoopbackSpellingAsLoopback(String host) throws FetchException {
    String url = "http://" + host + ":" + site.port() + "/article.html";
    try (Fetcher strict = new Fetcher(FetchSettings.defaults())) {
      assertFailure(() -> strict.fetch(FetchRequest.get(url)), FailureKind.BLOCKED_PRIVATE_ADDRESS);
    }
    assertThat(site.hits("/article.html")).isZero();

    FetchResult allowed = fetcher.fetch(FetchRequest.get(url));
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void refusesARedirectToAPrivateAddress() {
    try (Fetcher onlySite =
        new Fetcher(
            FetchSettings.defaults()
                .withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.1/32")))) {
      site.route("/to-private", ex -> redirect(ex, 302, "http://10.0.0.1/admin"));
      site.route(
          "/to-metadata", ex -> redirect(ex, 301, "http://169.254.169.254/latest/meta-data/"));
      site.route("/to-other-loopback", ex -> redirect(ex, 307, other.url("/echo")));
      site.route(
          "/to-decimal", ex -> redirect(ex, 308, "http://2130706434:" + other.port() + "/echo"));

      for (String path :
          List.of("/to-private", "/to-metadata", "/to-other-loopback", "/to-decimal")) {
        assertThatThrownBy(() -> onlySite.fetch(FetchRequest.get(site.url(path))))
            .isInstanceOfSatisfying(
                FetchException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED_PRIVATE_ADDRESS);
                  assertThat(e.url()).isNotEqualTo(site.url(path));
                });
        assertThat(site.hits(path)).isEqualTo(1);
      }
      assertThat(other.hits("/echo")).isZero();
    }
  }

  @Test
  void refusesANameThatResolvesToAPrivateAddress() {
    HostResolver names =
        new MapResolver(
            Map.of("intranet.example", List.of("10.0.0.1"), "site.example", List.of("127.0.0.2")));
    try (Fetcher strict = new Fetcher(FetchSettings.defaults(), names)) {
      assertFailure(
          () -> strict.fetch(FetchRequest.get("http://intranet.example/")),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
      assertFailure(
          () -> strict.fetch(FetchRequest.get("http://site.example:" + other.port() + "/echo")),
          FailureKind.BLOCKED_PRIVATE_ADDRESS);
    }
    assertThat(other.hits("/echo")).isZero();
  }

  @Test
  void connectsToTheAddressTheGuardVettedAndSendsTheName() throws FetchException {
    HostResolver names = MapResolver.of("site.example", "127.0.0.2");
    try (Fetcher allowed = new Fetcher(LOOPBACK_ALLOWED, names)) {
      FetchResult result =
          allowed.fetch(FetchRequest.get("http://site.example:" + other.port() + "/echo"));

      assertThat(result.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
      assertThat(result.text()).contains("host: site.example:" + other.port());
    }
  }

  @Test
  void reportsUnresolvableNamesAsDns() {
    try (Fetcher strict =
        new Fetcher(LOOPBACK_ALLOWED, MapResolver.of("known.example", "127.0.0.1"))) {
      assertFailure(
          () -> strict.fetch(FetchRequest.get("http://unknown.example/")), FailureKind.DNS);
    }
  }

  @Test
  void reportsARefusedConnectionAsConnect() throws IOException {
    int closedPort;
    try (ServerSocket socket =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.3"))) {
      closedPort = socket.getLocalPort();
    }
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get("http://127.0.0.3:" + closedPort + "/")),
        FailureKind.CONNECT);
  }

  @Test
  void followsRedirectsAndReportsEveryHop() throws FetchException {
    site.route("/old", ex -> redirect(ex, 301, "/moved?x=1"));
    site.route("/moved", ex -> redirect(ex, 302, other.url("/echo")));

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/old")));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.requestedUrl()).isEqualTo(site.url("/old"));
    assertThat(result.finalUrl()).isEqualTo(other.url("/echo"));
    assertThat(result.redirects())
        .containsExactly(
            new Redirect(site.url("/old"), 301, site.url("/moved?x=1")),
            new Redirect(site.url("/moved?x=1"), 302, other.url("/echo")));
  }

  @Test
  void stopsAfterTheRedirectLimit() {
    site.route("/loop", ex -> redirect(ex, 302, "/loop"));

    assertFailure(
        () -> fetcher.fetch(FetchRequest.get(site.url("/loop")).withMaxRedirects(3)),
        FailureKind.TOO_MANY_REDIRECTS);
    assertThat(site.hits("/loop")).isEqualTo(4);
  }

  @Test
  void refusesSchemesOtherThanHttpAndMalformedUrls() {
    site.route("/to-file", ex -> redirect(ex, 302, "file:///etc/passwd"));
    site.route("/to-gopher", ex -> redirect(ex, 302, "gopher://127.0.0.1:70/"));

    assertFailure(
        () -> fetcher.fetch(FetchRequest.get("file:///etc/passwd")),
        FailureKind.UNSUPPORTED_SCHEME);
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get(site.url("/to-file"))),
        FailureKind.UNSUPPORTED_SCHEME);
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get(site.url("/to-gopher"))),
        FailureKind.UNSUPPORTED_SCHEME);
    assertFailure(() -> fetcher.fetch(FetchRequest.get("not a url")), FailureKind.INVALID_URL);
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get("http://1.2.3.256/")), FailureKind.INVALID_URL);
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get("http://exa mple.com/")), FailureKind.INVALID_URL);
  }

  @Test
  void refusesBodiesPastTheLimitWhetherAnnouncedOrNot() {
    byte[] big = new byte[64 * 1024];
    site.route(
        "/announced", ex -> respond(ex, 200, big, "Content-Type", "application/octet-stream"));
    site.route(
        "/chunked",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 8; i++) {
              out.write(big);
            }
          }
        });

    FetchRequest limited = FetchRequest.get(site.url("/announced")).withMaxBodyBytes(16 * 1024);
    assertFailure(() -> fetcher.fetch(limited), FailureKind.TOO_LARGE);
    assertFailure(
        () -> fetcher.fetch(limited.withUrl(site.url("/chunked"))), FailureKind.TOO_LARGE);
  }

  @Test
  void refusesADecompressionBombAtTheDecodedLimit() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    byte[] compressed = bomb.toByteArray();
    site.route(
        "/bomb",
        ex ->
            respond(ex, 200, compressed, "Content-Encoding", "gzip", "Content-Type", "text/html"));

    assertThat(compressed.length).isLessThan(1024 * 1024);
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get(site.url("/bomb")).withMaxBodyBytes(1024 * 1024)),
        FailureKind.TOO_LARGE);
  }

  @Test
  void keepsTheFirstBytesWhenAskedToTruncate() throws FetchException {
    byte[] big = new byte[100_000];
    java.util.Arrays.fill(big, (byte) 'a');
    site.route("/long.txt", ex -> respond(ex, 200, big, "Content-Type", "text/plain"));

    FetchResult result =
        fetcher.fetch(
            FetchRequest.get(site.url("/long.txt")).withMaxBodyBytes(1000).truncatingAtLimit());

    assertThat(result.truncated()).isTrue();
    assertThat(result.body()).hasSize(1000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gzip, site/article.html.gz",
    "x-gzip, site/article.html.gz",
    "deflate, site/article.html.zlib",
    "deflate, site/article.html.rawdeflate",
    "br, site/article.html.br",
  })
  void decodesCompressedBodies(String encoding, String resource) throws FetchException {
    site.document("/encoded", resource, "Content-Encoding", encoding, "Content-Type", "text/html");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/encoded")));

    assertThat(result.body()).isEqualTo(readResource("site/article.html"));
    assertThat(result.header("content-encoding")).isEqualTo(encoding);
  }

  @Test
  void asksForCompressedBodies() throws FetchException {
    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/echo")));
    assertThat(result.text()).contains("accept-encoding: gzip, deflate, br");
  }

  @Test
  void reportsABodyThatDoesNotDecodeAsProtocol() {
    byte[] garbage = "this is not gzip at all".getBytes(StandardCharsets.US_ASCII);
    site.route("/broken", ex -> respond(ex, 200, garbage, "Content-Encoding", "gzip"));

    assertFailure(() -> fetcher.fetch(FetchRequest.get(site.url("/broken"))), FailureKind.PROTOCOL);
  }

  @Test
  void readsTheCharsetFromAMetaHttpEquiv() throws FetchException {
    site.document("/cafe", "site/windows-1252.html", "Content-Type", "text/html");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/cafe")));

    assertThat(result.charset()).isEqualTo(Charset.forName("windows-1252"));
    assertThat(result.charsetSource()).isEqualTo(CharsetSource.META);
    assertThat(result.text())
        .contains("<title>Café crème</title>", "Café crème – €4,50 «\u00a0délicieux\u00a0»");
  }

  @Test
  void readsLatin1HeadersAsWindows1252LikeBrowsers() throws FetchException {
    site.document(
        "/latin1", "site/windows-1252.html", "Content-Type", "text/html; charset=ISO-8859-1");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/latin1")));

    assertThat(result.charsetSource()).isEqualTo(CharsetSource.HEADER);
    assertThat(result.text()).contains("€4,50");
  }

  @Test
  void readsAMetaCharsetButNotOneInAComment() throws FetchException {
    site.document("/ja", "site/shift_jis.html", "Content-Type", "text/html");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/ja")));

    assertThat(result.charsetSource()).isEqualTo(CharsetSource.META);
    assertThat(result.charset()).isEqualTo(Charset.forName("windows-31j"));
    assertThat(result.text()).contains("<title>日本語のページ</title>", "クモの巣は毎晩作り直されます。");
  }

  @Test
  void letsAByteOrderMarkWinOverTheHeader() throws FetchException {
    site.document("/zurich", "site/utf16-bom.html", "Content-Type", "text/html; charset=utf-8");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/zurich")));

    assertThat(result.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    assertThat(result.charsetSource()).isEqualTo(CharsetSource.BOM);
    assertThat(result.text()).isEqualTo("<html><body><p>Zürich</p></body></html>");
  }

  @Test
  void sniffsWhatAResponseWithoutContentTypeIs() throws FetchException {
    site.document("/untyped-html", "site/article.html");
    site.document("/untyped-png", "site/pixel.png");
    byte[] latin = "<p>na\u00efve</p>".getBytes(StandardCharsets.ISO_8859_1);
    site.route("/untyped-latin", ex -> respond(ex, 200, latin));

    FetchResult html = fetcher.fetch(FetchRequest.get(site.url("/untyped-html")));
    FetchResult png = fetcher.fetch(FetchRequest.get(site.url("/untyped-png")));
    FetchResult text = fetcher.fetch(FetchRequest.get(site.url("/untyped-latin")));

    assertThat(html.mediaType()).isEqualTo("text/html");
    assertThat(html.charsetSource()).isEqualTo(CharsetSource.META);
    assertThat(png.mediaType()).isEqualTo("image/png");
    assertThat(text.charset()).isEqualTo(Charset.forName("windows-1252"));
    assertThat(text.charsetSource()).isEqualTo(CharsetSource.DEFAULT);
    assertThat(text.text()).isEqualTo("<p>naïve</p>");
  }

  @Test
  void reportsNonHtmlContentInsteadOfRejectingIt() throws FetchException {
    site.document("/pixel.png", "site/pixel.png", "Content-Type", "image/png");

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/pixel.png")));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.mediaType()).isEqualTo("image/png");
    assertThat(result.body()).isEqualTo(readResource("site/pixel.png"));
  }

  @Test
  void reportsErrorStatusesAsResults() throws FetchException {
    site.route(
        "/gone",
        ex ->
            respond(
                ex, 410, "gone".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain"));

    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/gone")));

    assertThat(result.status()).isEqualTo(410);
    assertThat(result.isSuccess()).isFalse();
    assertThat(result.text()).isEqualTo("gone");
  }

  @Test
  void sendsTheCallersHeadersCookiesAndAgent() throws FetchException {
    FetchResult result =
        fetcher.fetch(
            FetchRequest.get(site.url("/echo"))
                .withHeader("X-Orbweaver-Test", "yes")
                .withHeader("Accept-Language", "de-CH")
                .withHeader("Host", "evil.example")
                .withCookies("a=1; b=2")
                .withUserAgent("OrbweaverTest/1.0"));

    assertThat(result.text())
        .contains(
            "x-orbweaver-test: yes",
            "accept-language: de-CH",
            "cookie: a=1; b=2",
            "user-agent: OrbweaverTest/1.0",
            "host: 127.0.0.1:" + site.port());
  }

  @Test
  void picksARealBrowserAgentWhenNoneIsGiven() throws FetchException {
    FetchResult result = fetcher.fetch(FetchRequest.get(site.url("/echo")));

    String agent = header(result.text(), "user-agent");
    assertThat(UserAgents.browsers().pool()).contains(agent);
  }

  @Test
  void carriesCookiesSetDuringRedirects() throws FetchException {
    site.route(
        "/login",
        ex ->
            respond(
                ex,
                302,
                new byte[0],
                "Set-Cookie",
                "session=abc123; Path=/; HttpOnly",
                "Location",
                "/echo"));

    FetchResult result =
        fetcher.fetch(FetchRequest.get(site.url("/login")).withCookies("consent=yes"));

    assertThat(header(result.text(), "cookie")).isEqualTo("consent=yes; session=abc123");
  }

  @Test
  void dropsTheCallersCredentialsWhenARedirectLeavesTheHost() throws FetchException {
    site.route("/away", ex -> redirect(ex, 302, other.url("/echo")));

    FetchResult result =
        fetcher.fetch(
            FetchRequest.get(site.url("/away"))
                .withHeader("Authorization", "Bearer secret")
                .withHeader("X-Kept", "1")
                .withCookies("session=secret"));

    assertThat(result.text())
        .contains("x-kept: 1")
        .doesNotContain("secret", "authorization", "cookie:");
  }

  @Test
  void postsABodyAndTurnsItIntoAGetAfter303() throws FetchException {
    site.route(
        "/form",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          if (!new String(body, StandardCharsets.UTF_8).equals("q=silk")) {
            respond(ex, 400, new byte[0]);
            return;
          }
          redirect(ex, 303, "/echo");
        });

    FetchResult result =
        fetcher.fetch(
            FetchRequest.post(
                site.url("/form"),
                "application/x-www-form-urlencoded",
                "q=silk".getBytes(StandardCharsets.UTF_8)));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.text()).startsWith("GET /echo");
  }

  @Test
  void timesOutWaitingForASilentServer() {
    site.route("/silent", ex -> sleep(Duration.ofSeconds(20)));

    try (Fetcher impatient =
        new Fetcher(LOOPBACK_ALLOWED.withReadTimeout(Duration.ofMillis(300)))) {
      assertFailure(
          () -> impatient.fetch(FetchRequest.get(site.url("/silent"))), FailureKind.TIMEOUT);
    }
  }

  @Test
  void timesOutWhenTheWholeFetchTakesTooLong() {
    site.route(
        "/trickle",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          OutputStream out = ex.getResponseBody();
          for (int i = 0; i < 200; i++) {
            out.write('x');
            out.flush();
            sleep(Duration.ofMillis(100));
          }
        });

    assertFailure(
        () ->
            fetcher.fetch(
                FetchRequest.get(site.url("/trickle")).withTimeout(Duration.ofMillis(500))),
        FailureKind.TIMEOUT);
  }

  @Test
  void reportsAnUntrustedCertificateAsTls() throws FetchException {
    try (FixtureServer secure = FixtureServer.https("127.0.0.1")) {
      secure.document("/article.html", "site/article.html", "Content-Type", "text/html");

      assertFailure(
          () -> fetcher.fetch(FetchRequest.get(secure.url("/article.html"))), FailureKind.TLS);

      try (Fetcher trusting =
          new Fetcher(LOOPBACK_ALLOWED.withTls(TlsTrust.of(FixtureServer.fixtureKeyStore())))) {
        FetchResult result = trusting.fetch(FetchRequest.get(secure.url("/article.html")));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.finalUrl()).startsWith("https://127.0.0.1:");
      }
    }
  }

  @Test
  void refusesHeaderValuesHttpCannotCarry() {
    assertFailure(
        () -> fetcher.fetch(FetchRequest.get(site.url("/echo")).withHeader("X-Bad", "line\nbreak")),
        FailureKind.INVALID_REQUEST);
  }

  static void assertFailure(ThrowingCallable call, FailureKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
  }

  /** Answers with the request line and headers, lower-cased names, one per line. */
  static void echoHeaders(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(exchange.getRequestMethod())
        .append(' ')
        .append(exchange.getRequestURI())
        .append('\n');
    Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(exchange.getRequestHeaders());
    sorted.forEach(
        (name, values) ->
            values.forEach(
                v ->
                    text.append(name.toLowerCase(java.util.Locale.ROOT))
                        .append(": ")
                        .append(v)
                        .append('\n')));
    respond(
        exchange,
        200,
        text.toString().getBytes(StandardCharsets.UTF_8),
        "Content-Type",
        "text/plain; charset=utf-8");
  }

  static String header(String echo, String name) {
    return echo.lines()
        .filter(l -> l.startsWith(name + ": "))
        .map(l -> l.substring(name.length() + 2))
        .findFirst()
        .orElse(null);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
