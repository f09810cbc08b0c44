package dev.orbweaver.scrape.render;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback address that must hear nothing: it counts every TCP connection and every UDP datagram
 * that reaches it (and answers TCP with a small HTTP page, so that a leak would look like success
 * to the page).
 */
final class Canary implements AutoCloseable {
  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger datagrams = new AtomicInteger();
  private final java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

  Canary(String address) throws IOException {
    InetAddress host = InetAddress.getByName(address);
    tcp = new ServerSocket();
    tcp.bind(new InetSocketAddress(host, 0));
    udp = new DatagramSocket(new InetSocketAddress(host, 0));
    Thread.ofVirtual().start(this::acceptLoop);
    Thread.ofVirtual().start(this::receiveLoop);
  }

  String host() {
    return tcp.getInetAddress().getHostAddress();
  }

  int port() {
    return tcp.getLocalPort();
  }

  int udpPort() {
    return udp.getLocalPort();
  }

  /** host:port */
  String authority() {
    return host() + ":" + port();
  }

  int connections() {
    return connections.get();
  }

  /** The first line of what each connection sent, to say what leaked. */
  java.util.List<String> heard() {
    return java.util.List.copyOf(heard);
  }

  int datagrams() {
    return datagrams.get();
  }

  private void acceptLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket socket = tcp.accept();
        connections.incrementAndGet();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (socket) {
                    byte[] head = new byte[4096];
                    int n = socket.getInputStream().read(head);
                    String text = n > 0 ? new String(head, 0, n, StandardCharsets.ISO_8859_1) : "";
                    heard.add(text.lines().findFirst().orElse("(nothing)"));
                    OutputStream out = socket.getOutputStream();
                    out.write(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 7\r\n\r\nleaked!"
                            .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    // the client went away
                  }
                });
      } catch (IOException e) {
        return;
      }
    }
  }

  private void receiveLoop() {
    byte[] buffer = new byte[2048];
    while (!udp.isClosed()) {
      try {
        udp.receive(new DatagramPacket(buffer, buffer.length));
        datagrams.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    tcp.close();
    udp.close();
  }
}
