package dev.orbweaver.backlink.outreach;

import dev.orbweaver.backlink.BacklinkConfig;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.DenySet;
import dev.orbweaver.graph.store.Release;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * The domains never proposed for outreach: the versioned built-in list plus whatever the operator
 * adds. Resolved once per release into a bit set over its store ids.
 */
@ApplicationScoped
public class DenyList {
  static final String BUILT_IN = "outreach/deny-list-v1.txt";
  static final String BUILT_IN_VERSION = "v1";

  private final List<DomainName> domains;
  private final String version;
  // Weak keys: a release the catalogue dropped takes its bit set with it.
  private final Map<Release, BitSet> byRelease = Collections.synchronizedMap(new WeakHashMap<>());

  @Inject
  public DenyList(BacklinkConfig config) {
    TreeSet<String> builtIn = new TreeSet<>(parse(builtIn(), BUILT_IN));
    TreeSet<String> extra = new TreeSet<>();
    config
        .outreach()
        .extraDenyList()
        .ifPresent(file -> extra.addAll(parse(read(file), file.toString())));
    config
        .outreach()
        .extraDeniedDomains()
        .ifPresent(list -> list.forEach(d -> extra.add(DomainName.parse(d).name())));
    extra.removeAll(builtIn);
    TreeSet<String> all = new TreeSet<>(builtIn);
    all.addAll(extra);
    this.domains = all.stream().map(DomainName::new).toList();
    this.version =
        extra.isEmpty() ? BUILT_IN_VERSION : BUILT_IN_VERSION + "+local." + digest(extra);
  }

  /** {@code v1}, or {@code v1+local.<hash>} when the operator added domains. */
  public String version() {
    return version;
  }

  public List<DomainName> domains() {
    return domains;
  }

  /** The denied store ids of a release. */
  public BitSet of(Release release) {
    return byRelease.computeIfAbsent(release, r -> DenySet.of(r, domains));
  }

  private static List<String> parse(String text, String source) {
    List<String> out = new ArrayList<>();
    int line = 0;
    for (String raw : text.split("\n")) {
      line++;
      String entry = raw.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      try {
        out.add(DomainName.parse(entry).name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ":" + line + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String builtIn() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the service");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the extra deny list " + file, e);
    }
  }

  private static String digest(TreeSet<String> extra) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", extra).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
