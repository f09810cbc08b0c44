package dev.orbweaver.fetch.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A host that is, or resolves to, an address the guard refuses. It is an {@link
 * UnknownHostException} so that HTTP clients treat it as a failed lookup and never retry elsewhere.
 */
public final class BlockedAddressException extends UnknownHostException {

  private final String host;
  private final transient InetAddress address;
  private final AddressClass addressClass;

  public BlockedAddressException(String host, InetAddress address, AddressClass addressClass) {
    super(
        "refusing "
            + host
            + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
            + ": "
            + addressClass.description()
            + " address");
    this.host = host;
    this.address = address;
    this.addressClass = addressClass;
  }

  public String host() {
    return host;
  }

  public InetAddress address() {
    return address;
  }

  public AddressClass addressClass() {
    return addressClass;
  }
}
