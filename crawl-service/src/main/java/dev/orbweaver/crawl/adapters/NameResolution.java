package dev.orbweaver.crawl.adapters;

import dev.orbweaver.fetch.guard.HostResolver;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * How the fetcher resolves host names: the system's resolver, unless another bean takes its place
 * (tests map names such as {@code blog.example.com} to loopback addresses, where crawls of several
 * hosts of one domain can run). Whatever a name resolves to still passes the SSRF guard.
 */
@ApplicationScoped
public class NameResolution {
  @Produces
  @ApplicationScoped
  @DefaultBean
  HostResolver system() {
    return HostResolver.system();
  }
}
