package dev.orbweaver.storage;

import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How a store's connections find their address. The platform's own store is an operator setting and
 * trusted as it is; an endpoint a customer names (an R2 or MinIO URL, a service account's {@code
 * token_uri}) goes through the same SSRF guard as every fetch: resolved, every address vetted, and
 * the connection made to the vetted address, so that a second DNS answer never gets a say.
 */
public sealed interface Egress {

  /** The addresses to connect to for a host (a name or a literal). */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The operator's own store: the system resolver, any address. */
  static Egress trusted() {
    return new Trusted(HostResolver.system());
  }

  /**
   * A customer's endpoint: refused when private, loopback, link-local or a metadata address, unless
   * inside the operator's allowed ranges ({@code orbweaver.fetch.allowed-private-cidrs}).
   */
  static Egress guarded(AllowedPrivateCidrs allowed) {
    return new Guarded(new AddressGuard(allowed, HostResolver.system()));
  }

  static Egress guarded(AddressGuard guard) {
    return new Guarded(guard);
  }

  record Trusted(HostResolver resolver) implements Egress {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      String bare =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      return resolver.resolve(bare);
    }
  }

  record Guarded(AddressGuard guard) implements Egress {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      return guard.resolve(host);
    }
  }
}
