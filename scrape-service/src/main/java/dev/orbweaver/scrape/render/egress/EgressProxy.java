package dev.orbweaver.scrape.render.egress;

import dev.orbweaver.fetch.guard.AddressGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The browsers' only way out: a forward proxy on loopback (plain HTTP requests in absolute form,
 * and CONNECT for HTTPS and WebSockets) that opens every upstream connection through libs/fetch's
 * SSRF guard. The guard resolves the host and vets every address (private ranges refused unless the
 * operator allowed them, cloud metadata always refused); the proxy connects to the vetted address
 * only. A refused request is answered 403 with {@code X-Orbweaver-Egress: refused} and never
 * reaches the network.
 *
 * <p>Ports on this machine that belong to the render process itself (this proxy, the browsers'
 * DevTools endpoints) are refused even when the operator allows loopback, so that a page cannot
 * drive the browser it runs in.
 *
 * <p>Each plain HTTP request gets its own upstream connection, closed after the answer, so that a
 * kept-alive browser connection can never carry a second request to the first request's host.
 */
public final class EgressProxy implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EgressProxy.class);

  /** The longest request head (request line and headers) the proxy reads. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  static final String REFUSED_HEADER = "X-Orbweaver-Egress";

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "proxy-connection",
          "proxy-authorization",
          "keep-alive",
          "te",
          "trailer",
          "upgrade");

  private final AddressGuard guard;
  private final Duration connectTimeout;
  private final Duration idleTimeout;
  private final ServerSocket server;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore connections;
  private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong opened = new AtomicLong();
  private volatile boolean closed;

  private EgressProxy(
      AddressGuard guard, Duration connectTimeout, Duration idleTimeout, int maxConnections)
      throws IOException {
    this.guard = guard;
    this.connectTimeout = connectTimeout;
    this.idleTimeout = idleTimeout;
    this.connections = new Semaphore(maxConnections);
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    ownPorts.add(server.getLocalPort());
    Thread.ofPlatform().daemon().name("render-egress-proxy").start(this::acceptLoop);
  }

  /**
   * Starts a proxy on an ephemeral loopback port.
   *
   * @param maxConnections connections served at once; more are closed unanswered
   */
  public static EgressProxy start(
      AddressGuard guard, Duration connectTimeout, Duration idleTimeout, int maxConnections)
      throws IOException {
    return new EgressProxy(guard, connectTimeout, idleTimeout, maxConnections);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:port}, for Chromium's {@code --proxy-server}. */
  public String address() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
  }

  /** A local port of the render process that no page may connect to (a DevTools endpoint). */
  public void refusePort(int port) {
    ownPorts.add(port);
  }

  public void allowPortAgain(int port) {
    if (port != port()) {
      ownPorts.remove(port);
    }
  }

  /** Requests refused by the guard so far. */
  public long refused() {
    return refused.get();
  }

  /** Upstream connections opened so far. */
  public long opened() {
    return opened.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warnf("egress proxy accept failed: %s", e.getMessage());
        }
        continue;
      }
      if (!connections.tryAcquire()) {
        closeQuietly(client);
        continue;
      }
      workers.execute(
          () -> {
            try {
              serve(client);
            } finally {
              connections.release();
            }
          });
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout((int) idleTimeout.toMillis());
      client.setTcpNoDelay(true);
      InputStream in = client.getInputStream();
      Head head = Head.read(in);
      if (head == null) {
        return;
      }
      if (head.method().equals("CONNECT")) {
        tunnel(client, head);
      } else {
        forward(client, head);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debugf("egress proxy connection ended: %s", e.getMessage());
    }
  }

  private void tunnel(Socket client, Head head) throws IOException {
    HostPort target = HostPort.parseAuthority(head.target());
    if (target == null) {
      answer(client, 400, "bad CONNECT target");
      return;
    }
    try (Socket upstream = open(target)) {
      if (upstream == null) {
        answer(client, 403, "refused by the SSRF guard");
        return;
      }
      OutputStream out = client.getOutputStream();
      out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      upstream.getOutputStream().write(head.rest());
      pump(client, upstream);
    }
  }

  private void forward(Socket client, Head head) throws IOException {
    URI uri;
    try {
      uri = new URI(head.target());
    } catch (Exception e) {
      answer(client, 400, "bad request target");
      return;
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      answer(client, 400, "only absolute http:// targets are proxied");
      return;
    }
    HostPort target = new HostPort(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    try (Socket upstream = open(target)) {
      if (upstream == null) {
        answer(client, 403, "refused by the SSRF guard");
        return;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      StringBuilder request = new StringBuilder();
      request.append(head.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
      for (String[] header : head.headers()) {
        if (!HOP_BY_HOP.contains(header[0].toLowerCase(Locale.ROOT))) {
          request.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream up = upstream.getOutputStream();
      up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      up.write(head.rest());
      up.flush();
      pump(client, upstream);
    }
  }

  /**
   * A connection to the target's first reachable vetted address, or null when the guard refuses the
   * host (or the target is one of the render process's own ports).
   */
  private Socket open(HostPort target) throws IOException {
    List<InetAddress> addresses;
    try {
      addresses = guard.resolve(target.host());
    } catch (UnknownHostException | IllegalArgumentException e) {
      refused.incrementAndGet();
      LOG.debugf("egress refused %s: %s", target, e.getMessage());
      return null;
    }
    IOException last = null;
    for (InetAddress address : addresses) {
      if (ownPorts.contains(target.port()) && isLocal(address)) {
        refused.incrementAndGet();
        LOG.debugf("egress refused %s: a port of the render process", target);
        return null;
      }
      Socket socket = new Socket();
      try {
        socket.connect(
            new InetSocketAddress(address, target.port()), (int) connectTimeout.toMillis());
        socket.setSoTimeout((int) idleTimeout.toMillis());
        socket.setTcpNoDelay(true);
        opened.incrementAndGet();
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
        last = e;
      }
    }
    throw last != null ? last : new IOException("no address for " + target);
  }

  private static boolean isLocal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return java.net.NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return true;
    }
  }

  /** Copies both ways until either side closes or falls silent past the idle timeout. */
  private void pump(Socket client, Socket upstream) {
    var toUpstream =
        workers.submit(
            () -> {
              copy(client, upstream);
              return null;
            });
    copy(upstream, client);
    closeQuietly(upstream);
    closeQuietly(client);
    toUpstream.cancel(true);
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void answer(Socket client, int status, String why) throws IOException {
    byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + (status == 403 ? " Forbidden" : " Bad Request")
            + "\r\n"
            + REFUSED_HEADER
            + ": refused\r\nContent-Type: text/plain\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** A host (name or literal, IPv6 without brackets) and a port. */
  record HostPort(String host, int port) {
    static HostPort parseAuthority(String authority) {
      int colon = authority.lastIndexOf(':');
      if (colon <= 0 || colon == authority.length() - 1) {
        return null;
      }
      String host = authority.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(authority.substring(colon + 1));
        return port > 0 && port < 65536 && !host.isEmpty() ? new HostPort(host, port) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** A request line, its headers, and whatever bytes arrived after them. */
  record Head(String method, String target, List<String[]> headers, byte[] rest) {

    /** Reads up to the blank line; null when the client closed first. */
    static Head read(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
      byte[] buffer = new byte[4096];
      int end = -1;
      while (end < 0) {
        int n = in.read(buffer);
        if (n < 0) {
          return null;
        }
        bytes.write(buffer, 0, n);
        if (bytes.size() > MAX_HEAD_BYTES) {
          throw new IOException("request head too large");
        }
        end = indexOfBlankLine(bytes.toByteArray());
      }
      byte[] all = bytes.toByteArray();
      String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3) {
        throw new IOException("bad request line");
      }
      List<String[]> headers = new java.util.ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.add(
              new String[] {
                lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()
              });
        }
      }
      byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
      return new Head(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], headers, rest);
    }

    private static int indexOfBlankLine(byte[] b) {
      for (int i = 0; i + 3 < b.length; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
