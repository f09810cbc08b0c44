package dev.orbweaver.crawl.blocklist;

import dev.orbweaver.common.error.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Hosts nobody may crawl: a list shipped with Orbweaver plus an operator file (one domain per line,
 * {@code #} comments) that is re-read when it changes. A domain blocks its subdomains too.
 */
@ApplicationScoped
public class MaliciousDomains {
  private static final Logger LOG = Logger.getLogger(MaliciousDomains.class);

  private final Optional<Path> operatorFile;
  private final Set<String> shipped;
  private volatile Set<String> operator = Set.of();
  private volatile FileTime operatorStamp;

  @Inject
  public MaliciousDomains(dev.orbweaver.crawl.config.CrawlConfig config) {
    this.operatorFile = config.blocklistFile().filter(f -> !f.isBlank()).map(Path::of);
    try (InputStream in = getClass().getResourceAsStream("/blocklist/malicious-domains.txt")) {
      this.shipped =
          in == null ? Set.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reload();
  }

  /** Refuses a URL whose host is blocked. */
  public void check(String url) {
    if (blocked(URI.create(url).getHost())) {
      throw ApiException.validation("the host of " + url + " is on the malicious-domain blocklist");
    }
  }

  public boolean blocked(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    while (true) {
      if (shipped.contains(h) || operator.contains(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        return false;
      }
      h = h.substring(dot + 1);
    }
  }

  @Scheduled(every = "30s")
  void reload() {
    if (operatorFile.isEmpty()) {
      return;
    }
    Path file = operatorFile.get();
    try {
      if (!Files.exists(file)) {
        operator = Set.of();
        return;
      }
      FileTime stamp = Files.getLastModifiedTime(file);
      if (!stamp.equals(operatorStamp)) {
        operator = parse(Files.readString(file));
        operatorStamp = stamp;
        LOG.infof("Blocklist %s: %d domains", file, operator.size());
      }
    } catch (IOException e) {
      LOG.warnf("Cannot read the blocklist %s: %s", file, e.getMessage());
    }
  }

  static Set<String> parse(String text) {
    Set<String> domains = new HashSet<>();
    for (String line : text.split("\n")) {
      String d = line.replaceAll("#.*", "").strip().toLowerCase(Locale.ROOT);
      if (!d.isEmpty()) {
        domains.add(d.endsWith(".") ? d.substring(0, d.length() - 1) : d);
      }
    }
    return Set.copyOf(domains);
  }
}
