package dev.orbweaver.fetch.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution, injectable so that tests (and a future caching resolver) can decide what a name
 * resolves to without touching the system's DNS.
 */
@FunctionalInterface
public interface HostResolver {

  /** Every address of a host name; never empty. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (the system's, through {@code /etc/hosts} and DNS). */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
