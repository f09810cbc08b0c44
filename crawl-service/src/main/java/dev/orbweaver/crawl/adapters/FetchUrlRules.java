package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.scope.UrlRules;
import dev.orbweaver.fetch.url.RegistrableDomains;
import dev.orbweaver.fetch.url.TrackingParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** URL normalization and registrable domains, as libs/fetch defines them. */
@ApplicationScoped
public class FetchUrlRules implements UrlRules {
  private final FetchClients clients;

  @Inject
  public FetchUrlRules(FetchClients clients) {
    this.clients = clients;
  }

  /** Normalized, and without campaign tags: one page reached from many campaigns is one URL. */
  @Override
  public Optional<String> normalize(String url) {
    return clients.normalizer().normalize(url).map(TrackingParameters::strip);
  }

  @Override
  public String registrableDomain(String host) {
    return RegistrableDomains.of(host).orElse(host);
  }
}
