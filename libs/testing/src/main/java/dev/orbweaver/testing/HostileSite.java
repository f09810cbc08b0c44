package dev.orbweaver.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A web site that tries to hurt its crawler, on a loopback address: a robots.txt that never answers
 * or answers 500, redirect loops and long chains, pages of 50 MB and bodies that never end, a gzip
 * bomb, a body sent one byte a second, NUL bytes and lying charsets, 64 KB of response headers, an
 * endless link generator and sitemaps of a million URLs.
 *
 * <p>A raw socket server rather than the JDK's, because the traps live at the byte level (exact
 * framing, bodies that stall or never end, headers past what a friendly server sends). Large bodies
 * are generated as they are written: nothing here holds more than a few kilobytes per connection.
 * It records every request and the connections still open, so tests can check that a crawler let go
 * of every trap.
 */
public final class HostileSite implements AutoCloseable {

  /** How the site's robots.txt behaves. */
  public enum Robots {
    /** Allows everything and lists the three sitemaps, and five slow ones. */
    ALLOW,
    /** Accepts the connection, reads the request and never answers. */
    NEVER_ANSWERS,
    /** Answers 500. */
    ERROR_500
  }

  /** Each trap the site serves, by the path it lives at (the home page links to all of them). */
  public enum Trap {
    /** /loop/a redirects to /loop/b, which redirects back to /loop/a. */
    REDIRECT_LOOP("/loop/a"),
    /** /chain/1 redirects to /chain/2 and so on, 50 hops, before a page. */
    REDIRECT_CHAIN("/chain/1"),
    /** 50 MiB of HTML with an honest Content-Length. */
    HUGE_PAGE("/huge"),
    /** About 1 MB of gzip (Content-Encoding: gzip) that inflates to 1 GiB of HTML. */
    GZIP_BOMB("/bomb"),
    /** A body of 100,000 bytes sent one byte a second. */
    SLOW_LORIS("/slow"),
    /** A chunked HTML body that never ends. */
    ENDLESS("/endless"),
    /** HTML with NUL bytes in its title, text, attributes and JSON-LD. */
    NUL_HTML("/nul.html"),
    /** Plain text with NUL bytes. */
    NUL_TEXT("/nul.txt"),
    /** JSON with a raw NUL byte and an escaped one. */
    NUL_JSON("/nul.json"),
    /**
     * charset=utf-8 over bytes that are not UTF-8 (stray continuation bytes, encoded surrogates).
     */
    BAD_UTF8("/bad-utf8"),
    /** A charset name no JVM knows. */
    UNKNOWN_CHARSET("/unknown-charset"),
    /** charset=utf-16 over single-byte text with bytes that decode to lone surrogates. */
    UTF16_LIE("/utf16-lie"),
    /** 64 KiB of response headers before a small page. */
    HUGE_HEADERS("/huge-headers"),
    /** /gen/N links to /gen/N+1, /gen/2N and /gen/10N: infinitely many pages. */
    LINK_GENERATOR("/gen/1"),
    /** An XML sitemap of a million URLs (about 56 MB), generated as it is sent. */
    SITEMAP_XML("/sitemap.xml"),
    /** The same sitemap gzipped, as a .gz file (application/x-gzip, no Content-Encoding). */
    SITEMAP_XML_GZ("/sitemap.xml.gz"),
    /** A plain-text sitemap of a million URLs, one a line (about 35 MB). */
    SITEMAP_TXT("/sitemap.txt");

    private final String path;

    Trap(String path) {
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  private static final int HUGE_PAGE_BYTES = 50 * 1024 * 1024;
  private static final long BOMB_INFLATED_BYTES = 1L << 30;
  private static final int BOMB_MEMBER_BYTES = 1 << 20;
  private static final int SLOW_LORIS_BYTES = 100_000;
  private static final int HEADER_PADDING_BYTES = 64 * 1024;
  private static final int REDIRECT_CHAIN_HOPS = 50;
  private static final int MAX_REQUEST_HEAD = 64 * 1024;

  private final String address;
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private Robots robots = Robots.ALLOW;
  private int sitemapUrls = 1_000_000;
  private ServerSocket server;
  private byte[] bombMember;

  private HostileSite(String address) {
    this.address = address;
  }

  /** A hostile site on a loopback address such as 127.0.0.60 (any port). */
  public static HostileSite on(String address) {
    return new HostileSite(address);
  }

  public HostileSite robots(Robots mode) {
    this.robots = mode;
    return this;
  }

  /** How many URLs each sitemap lists (a million unless a test wants fewer). */
  public HostileSite sitemapUrls(int count) {
    this.sitemapUrls = count;
    return this;
  }

  public HostileSite start() {
    try {
      bombMember = gzip(filled(BOMB_MEMBER_BYTES, (byte) ' '));
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 256);
      Thread.ofPlatform().daemon().name("hostile-site-" + address).start(this::acceptLoop);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The site's origin, e.g. http://127.0.0.60:41234. */
  public String origin() {
    return "http://" + address + ":" + server.getLocalPort();
  }

  public String url(String path) {
    return origin() + path;
  }

  public String url(Trap trap) {
    return url(trap.path());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Every request so far, in arrival order. */
  public List<Hit> hits() {
    return List.copyOf(hits);
  }

  public long hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).count();
  }

  /** Waits up to {@code patience} for every connection to close; whether they all did. */
  public boolean awaitNoOpenConnections(Duration patience) {
    Instant deadline = Instant.now().plus(patience);
    while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return open.isEmpty();
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread.ofVirtual().name("hostile-conn").start(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      Request request = readRequest(in);
      if (request == null) {
        return;
      }
      hits.add(new Hit(request.path(), Instant.now(), request.userAgent()));
      answer(request, in, new ClientOut(out));
    } catch (IOException | InterruptedException e) {
      // the client hung up, which is what a good crawler does with most of this site
    } finally {
      open.remove(socket);
    }
  }

  private void answer(Request request, InputStream in, ClientOut out)
      throws IOException, InterruptedException {
    String path = pathOnly(request);
    boolean head = request.method().equals("HEAD");
    switch (path) {
      case "/" -> html(out, head, 200, home(), Map.of());
      case "/robots.txt" -> robotsTxt(out, in, head);
      case "/loop/a" -> redirect(out, "/loop/b");
      case "/loop/b" -> redirect(out, "/loop/a");
      case "/huge" -> huge(out, head);
      case "/bomb" -> bomb(out, head);
      case "/slow" -> slow(out, head);
      case "/endless" -> endless(out, head);
      case "/nul.html" -> bytes(out, head, "text/html; charset=utf-8", Map.of(), NUL_HTML);
      case "/nul.txt" -> bytes(out, head, "text/plain; charset=utf-8", Map.of(), NUL_TEXT);
      case "/nul.json" -> bytes(out, head, "application/json", Map.of(), NUL_JSON);
      case "/bad-utf8" -> bytes(out, head, "text/html; charset=utf-8", Map.of(), badUtf8());
      case "/unknown-charset" ->
          bytes(
              out,
              head,
              "text/html; charset=x-no-such-charset-\u00e9",
              Map.of(),
              "<html><head><title>Caf\u00e9 cr\u00e8me</title></head><body><p>Na\u00efve r\u00e9sum\u00e9</p></body></html>"
                  .getBytes(StandardCharsets.ISO_8859_1));
      case "/utf16-lie" -> bytes(out, head, "text/html; charset=utf-16", Map.of(), utf16Lie());
      case "/huge-headers" -> hugeHeaders(out, head);
      case "/sitemap.xml" -> sitemapXml(out, head, false);
      case "/sitemap.xml.gz" -> sitemapXml(out, head, true);
      case "/sitemap.txt" -> sitemapTxt(out, head);
      default -> {
        if (path.startsWith("/chain/")) {
          chain(out, head, path.substring("/chain/".length()));
        } else if (path.startsWith("/gen/")) {
          generator(out, head, path.substring("/gen/".length()));
        } else {
          html(out, head, 404, "<html><body><h1>Not found</h1></body></html>", Map.of());
        }
      }
    }
  }

  private String home() {
    StringBuilder links = new StringBuilder();
    for (Trap trap : Trap.values()) {
      links.append("<li><a href=\"").append(trap.path()).append("\">").append(trap).append("</a>");
    }
    return "<!doctype html><html><head><title>Hostile</title></head><body><h1>Traps</h1><ul>"
        + links
        + "</ul></body></html>";
  }

  private void robotsTxt(ClientOut out, InputStream in, boolean head)
      throws IOException, InterruptedException {
    switch (robots) {
      case ALLOW ->
          bytes(
              out,
              head,
              "text/plain",
              Map.of(),
              ("User-agent: *\nAllow: /\n"
                      + "Sitemap: "
                      + url(Trap.SITEMAP_XML)
                      + "\nSitemap: "
                      + url(Trap.SITEMAP_XML_GZ)
                      + "\nSitemap: "
                      + url(Trap.SITEMAP_TXT)
                      + slowSitemaps())
                  .getBytes(StandardCharsets.UTF_8));
      case ERROR_500 -> html(out, head, 500, "<h1>Internal Server Error</h1>", Map.of());
      case NEVER_ANSWERS -> {
        // Hold the connection until the client gives up: a read returns -1 when it hangs up.
        while (in.read() != -1) {
          // drain whatever it sends
        }
      }
    }
  }

  /** Five more sitemaps that send a byte a second: a reader's time limit must hold across them. */
  private String slowSitemaps() {
    StringBuilder lines = new StringBuilder("\n");
    for (int i = 1; i <= 5; i++) {
      lines
          .append("Sitemap: ")
          .append(url(Trap.SLOW_LORIS))
          .append("?sitemap=")
          .append(i)
          .append('\n');
    }
    return lines.toString();
  }

  private void redirect(ClientOut out, String location) throws IOException {
    head(out, 302, "text/html", 0, Map.of("Location", location));
  }

  private void chain(ClientOut out, boolean head, String hop) throws IOException {
    int n;
    try {
      n = Integer.parseInt(hop);
    } catch (NumberFormatException e) {
      html(out, head, 404, "<h1>no such hop</h1>", Map.of());
      return;
    }
    if (n < REDIRECT_CHAIN_HOPS) {
      redirect(out, "/chain/" + (n + 1));
    } else {
      html(out, head, 200, "<html><body><h1>End of the chain</h1></body></html>", Map.of());
    }
  }

  private void generator(ClientOut out, boolean head, String number) throws IOException {
    BigInteger n;
    try {
      n = new BigInteger(number);
    } catch (NumberFormatException e) {
      html(out, head, 404, "<h1>not a number</h1>", Map.of());
      return;
    }
    StringBuilder body =
        new StringBuilder("<!doctype html><html><head><title>Page ")
            .append(n)
            .append("</title></head><body><p>Generated page ")
            .append(n)
            .append(".</p>");
    for (BigInteger next : generatedLinks(n)) {
      body.append("<a href=\"/gen/").append(next).append("\">").append(next).append("</a> ");
    }
    html(out, head, 200, body.append("</body></html>").toString(), Map.of());
  }

  /** The numbers /gen/N links to: N+1, 2N and 10N. */
  public static List<BigInteger> generatedLinks(BigInteger n) {
    return List.of(n.add(BigInteger.ONE), n.shiftLeft(1), n.multiply(BigInteger.TEN));
  }

  private void huge(ClientOut out, boolean head) throws IOException {
    head(out, 200, "text/html; charset=utf-8", HUGE_PAGE_BYTES, Map.of());
    if (head) {
      return;
    }
    byte[] open = "<!doctype html><html><body>".getBytes(StandardCharsets.US_ASCII);
    byte[] close = "</body></html>".getBytes(StandardCharsets.US_ASCII);
    out.body(open);
    byte[] filler = repeat("<p>So much to say.</p>\n", 64 * 1024);
    long left = HUGE_PAGE_BYTES - open.length - close.length;
    while (left > 0) {
      int n = (int) Math.min(left, filler.length);
      out.body(filler, n);
      left -= n;
    }
    out.body(close);
  }

  private void bomb(ClientOut out, boolean head) throws IOException {
    byte[] start = gzip("<!doctype html><html><body><p>".getBytes(StandardCharsets.US_ASCII));
    long members = BOMB_INFLATED_BYTES / BOMB_MEMBER_BYTES;
    long length = start.length + members * bombMember.length;
    // Concatenated gzip members are one gzip stream (RFC 1952), and every decoder reads on.
    head(out, 200, "text/html; charset=utf-8", length, Map.of("Content-Encoding", "gzip"));
    if (head) {
      return;
    }
    out.body(start);
    for (long i = 0; i < members; i++) {
      out.body(bombMember);
    }
  }

  private void slow(ClientOut out, boolean head) throws IOException, InterruptedException {
    head(out, 200, "text/html; charset=utf-8", SLOW_LORIS_BYTES, Map.of());
    if (head) {
      return;
    }
    byte[] page = repeat("<p>slowly</p>", SLOW_LORIS_BYTES);
    for (int i = 0; i < SLOW_LORIS_BYTES; i++) {
      out.body(new byte[] {page[i]});
      Thread.sleep(1000);
    }
  }

  private void endless(ClientOut out, boolean head) throws IOException {
    out.raw(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    if (head) {
      return;
    }
    byte[] chunk = repeat("<p>and on and on</p>\n", 16 * 1024);
    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = {'\r', '\n'};
    while (true) {
      out.raw(size);
      out.body(chunk);
      out.raw(crlf);
    }
  }

  private void hugeHeaders(ClientOut out, boolean head) throws IOException {
    Map<String, String> padding = new LinkedHashMap<>();
    String value = "x".repeat(1000);
    for (int i = 0; i < HEADER_PADDING_BYTES / 1024; i++) {
      padding.put("X-Padding-" + i, value);
    }
    html(
        out,
        head,
        200,
        "<html><head><title>Heavy head</title></head><body><p>Light body</p></body></html>",
        padding);
  }

  private void sitemapXml(ClientOut out, boolean head, boolean gzipped) throws IOException {
    String type = gzipped ? "application/x-gzip" : "application/xml";
    // Length unknown up front: the body ends when the connection closes.
    out.raw(
        ("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    if (head) {
      return;
    }
    OutputStream body = gzipped ? fastGzip(out.bodyStream()) : out.bodyStream();
    StringBuilder batch = new StringBuilder(64 * 1024);
    batch
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    String origin = origin();
    for (int i = 1; i <= sitemapUrls; i++) {
      batch.append("<url><loc>").append(origin).append("/gen/").append(i).append("</loc></url>\n");
      if (batch.length() > 60 * 1024) {
        body.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
        batch.setLength(0);
      }
    }
    batch.append("</urlset>\n");
    body.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
    body.close();
  }

  /** Gzip at its fastest level: the site's CPU, not the reader's, should never be what is slow. */
  private static OutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 64 * 1024) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  private void sitemapTxt(ClientOut out, boolean head) throws IOException {
    out.raw(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    if (head) {
      return;
    }
    StringBuilder batch = new StringBuilder(64 * 1024);
    String origin = origin();
    for (int i = 1; i <= sitemapUrls; i++) {
      batch.append(origin).append("/gen/").append(i).append('\n');
      if (batch.length() > 60 * 1024) {
        out.body(batch.toString().getBytes(StandardCharsets.US_ASCII));
        batch.setLength(0);
      }
    }
    out.body(batch.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static void html(
      ClientOut out, boolean head, int status, String html, Map<String, String> headers)
      throws IOException {
    bytes(
        out,
        head,
        status,
        "text/html; charset=utf-8",
        headers,
        html.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(
      ClientOut out, boolean head, String contentType, Map<String, String> headers, byte[] body)
      throws IOException {
    bytes(out, head, 200, contentType, headers, body);
  }

  private static void bytes(
      ClientOut out,
      boolean head,
      int status,
      String contentType,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    head(out, status, contentType, body.length, headers);
    if (!head) {
      out.body(body);
    }
  }

  private static void head(
      ClientOut out, int status, String contentType, long length, Map<String, String> headers)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    out.raw(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 302 -> "Found";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      default -> "Status";
    };
  }

  /** The request line and headers; null when the client sent nothing usable. */
  private static Request readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b == -1 || headBytes.size() >= MAX_REQUEST_HEAD) {
        return null;
      }
      headBytes.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length < 2) {
      return null;
    }
    String userAgent = null;
    for (String line : Arrays.asList(lines).subList(1, lines.length)) {
      if (line.regionMatches(true, 0, "User-Agent:", 0, 11)) {
        userAgent = line.substring(11).strip();
      }
    }
    return new Request(requestLine[0], requestLine[1], userAgent);
  }

  private static String pathOnly(Request request) {
    String target = request.path();
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  private static byte[] repeat(String unit, int size) {
    byte[] one = unit.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = one[i % one.length];
    }
    return out;
  }

  private static byte[] badUtf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "<!doctype html><html><head><title>Broken \u00e9 ".getBytes(StandardCharsets.UTF_8));
    // A stray continuation byte, a truncated sequence, an overlong '/', an encoded surrogate, 0xFF.
    out.writeBytes(new byte[] {(byte) 0x80, (byte) 0xC3, '(', (byte) 0xC0, (byte) 0xAF});
    out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF});
    out.writeBytes(
        "</title></head><body><p>Text with \u00fc and ".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    out.writeBytes(" more</p></body></html>".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Single-byte HTML labelled UTF-16 (no byte-order mark, so big-endian): every two bytes become
   * one character, and the pairs starting 0xD8 or 0xDC become surrogates without their other half.
   */
  private static byte[] utf16Lie() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "<html><head><title>Lie</title></head><body><p>".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {(byte) 0xD8, 0x01, 'a', 'b', (byte) 0xDC, 0x02, (byte) 0xD8, 0x00});
    out.writeBytes("</p></body></html>".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static final byte[] NUL_HTML =
      ("<!doctype html><html><head><title>Caf\u0000e\u0000</title>"
              + "<meta name=\"description\" content=\"De\u0000scription\">"
              + "<script type=\"application/ld+json\">"
              + "{\"@type\":\"Product\",\"name\":\"Sho\u0000e\",\"sku\":\"a\\u0000b\","
              + "\"brand\":{\"@type\":\"Brand\",\"na\\u0000me\":\"X\u0000\"}}</script>"
              + "</head><body><main><h1>Me\u0000nu</h1><p data-x=\"a\u0000b\">Tea\u0000 and cake</p>"
              + "<a href=\"/gen/7\u0000\">next</a></main></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] NUL_TEXT =
      "Plain\u0000 text\u0000 with NULs.\n\u0000\u0000\u0000\nEnd.\n"
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] NUL_JSON =
      "{\"name\":\"a\u0000b\",\"escaped\":\"c\\u0000d\"}".getBytes(StandardCharsets.UTF_8);

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** A request the site received. */
  public record Hit(String path, Instant at, String userAgent) {}

  private record Request(String method, String path, String userAgent) {}

  /** Writes to the client, flushing each write so that stalls are real stalls. */
  private static final class ClientOut {
    private final OutputStream out;

    ClientOut(OutputStream out) {
      this.out = out;
    }

    void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    void body(byte[] bytes) throws IOException {
      body(bytes, bytes.length);
    }

    void body(byte[] bytes, int length) throws IOException {
      out.write(bytes, 0, length);
      out.flush();
    }

    OutputStream bodyStream() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          body(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.flush();
        }
      };
    }
  }
}
