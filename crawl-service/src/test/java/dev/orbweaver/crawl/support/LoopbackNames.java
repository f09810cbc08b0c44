package dev.orbweaver.crawl.support;

import dev.orbweaver.fetch.guard.HostResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The fetcher's name resolution in tests: a few names of the domains reserved for documentation
 * (RFC 2606; under real public suffixes, so that the Public Suffix List reads them as it reads a
 * customer's) are loopback addresses a {@code FixtureSite} can listen on, so that crawls can span
 * several hosts of one registrable domain without DNS; every other name goes to the system.
 */
@ApplicationScoped
public class LoopbackNames implements HostResolver {
  /** Names and the loopback address each one's site listens on. */
  public static final Map<String, String> ADDRESSES =
      Map.of(
          "www.example.com", "127.0.0.21",
          "blog.example.com", "127.0.0.22",
          "www.example.net", "127.0.0.23");

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    String address = ADDRESSES.get(host.toLowerCase(java.util.Locale.ROOT));
    if (address == null) {
      return HostResolver.system().resolve(host);
    }
    return List.of(InetAddress.getByName(address));
  }

  /** The URL of {@code path} on a site served for {@code name}. */
  public static String url(String name, dev.orbweaver.testing.FixtureSite site, String path) {
    return "http://" + name + ":" + site.port() + path;
  }
}
