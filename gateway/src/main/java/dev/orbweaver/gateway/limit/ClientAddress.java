package dev.orbweaver.gateway.limit;

import dev.orbweaver.gateway.route.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a call comes from: the peer, or, when the peer is a trusted proxy, the nearest
 * untrusted hop of {@code X-Forwarded-For}. Anyone else's X-Forwarded-For is ignored: it is free to
 * forge.
 */
@ApplicationScoped
public class ClientAddress {
  private final List<Cidr> trusted;

  @Inject
  public ClientAddress(GatewayConfig config) {
    this(config.trustedProxies().orElse(List.of()));
  }

  ClientAddress(List<String> trustedProxies) {
    this.trusted =
        trustedProxies.stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(Cidr::parse)
            .toList();
  }

  public String of(HttpServerRequest request) {
    String peer =
        request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    return resolve(peer, request.getHeader("X-Forwarded-For"));
  }

  String resolve(String peer, String forwardedFor) {
    if (forwardedFor == null || !isTrusted(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    return trusted.stream().anyMatch(c -> c.contains(address));
  }

  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      String[] parts = text.split("/");
      byte[] address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("not an IP address: " + text);
      }
      int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
      return new Cidr(address, bits);
    }

    boolean contains(String text) {
      byte[] address = literal(text);
      if (address == null || address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** Parses only IP literals: never a DNS lookup on a header value. */
    private static byte[] literal(String text) {
      if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.contains(":"))) {
        return null;
      }
      if (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        return null;
      }
      try {
        return InetAddress.getByName(text).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
