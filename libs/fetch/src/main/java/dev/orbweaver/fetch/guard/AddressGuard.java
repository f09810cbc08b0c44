package dev.orbweaver.fetch.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF guard: decides which addresses an outbound connection may go to, and resolves host names
 * into vetted addresses that the caller then connects to (so that a second lookup, e.g. a DNS
 * rebinding answer, never gets a say).
 */
public final class AddressGuard {

  private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96");

  private final AllowedPrivateCidrs allowed;
  private final HostResolver resolver;

  public AddressGuard(AllowedPrivateCidrs allowed, HostResolver resolver) {
    this.allowed = allowed;
    this.resolver = resolver;
  }

  /** Why the address is refused, or empty when a connection to it may be made. */
  public Optional<AddressClass> refusal(InetAddress address) {
    AddressClass kind = SpecialAddresses.classify(address);
    if (kind == AddressClass.PUBLIC) {
      return Optional.empty();
    }
    if (kind != AddressClass.CLOUD_METADATA && allowed.allows(address)) {
      return Optional.empty();
    }
    return Optional.of(kind);
  }

  /** Refuses the address for the named host, or returns it unchanged. */
  public InetAddress vet(String host, InetAddress address) throws BlockedAddressException {
    Optional<AddressClass> refusal = refusal(address);
    if (refusal.isPresent()) {
      throw new BlockedAddressException(host, address, refusal.get());
    }
    return address;
  }

  /**
   * The addresses to connect to for a URL host: a literal in any notation is vetted as it is, a
   * name is resolved and refused as a whole when any of its addresses is refused (a name that mixes
   * public and private answers is an attack, not a configuration). Each returned address carries
   * the host name for TLS, and IPv4-mapped IPv6 comes back as the plain IPv4 address it denotes.
   *
   * @throws BlockedAddressException when the host is or resolves to a refused address
   * @throws UnknownHostException when the name does not resolve
   * @throws IllegalArgumentException when the host ends in a number but is no IPv4 address
   */
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    Optional<InetAddress> literal = InetAddresses.parseUrlHost(bare);
    if (literal.isPresent()) {
      InetAddress address = vet(bare, literal.get());
      return List.of(connectable(bare, address));
    }
    List<InetAddress> resolved = resolver.resolve(bare);
    if (resolved.isEmpty()) {
      throw new UnknownHostException(bare + ": no addresses");
    }
    List<InetAddress> vetted = new ArrayList<>(resolved.size());
    for (InetAddress address : resolved) {
      vetted.add(connectable(bare, vet(bare, address)));
    }
    return List.copyOf(vetted);
  }

  public AllowedPrivateCidrs allowed() {
    return allowed;
  }

  private static InetAddress connectable(String host, InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 16 && IPV4_MAPPED.contains(address)) {
      byte[] v4 = {b[12], b[13], b[14], b[15]};
      return InetAddresses.withHostName(host, InetAddresses.fromBytes(v4));
    }
    return InetAddresses.withHostName(host, address);
  }
}
