package dev.orbweaver.scrape.render.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the browser is: the configured path, else the first of Debian's headless shell (about twice
 * as fast to start and render as the full browser), Debian's Chromium, and the usual other names.
 * Debian's {@code /usr/bin} entries are shell scripts that start the binary without {@code exec};
 * the binaries under {@code /usr/lib/chromium} come first, so that the process the pool starts,
 * watches and kills is the browser itself.
 */
public final class ChromiumExecutable {
  static final List<String> CANDIDATES =
      List.of(
          "/usr/lib/chromium/chromium-headless-shell",
          "/usr/bin/chromium-headless-shell",
          "/usr/lib/chromium/chromium",
          "/usr/bin/chromium",
          "/usr/bin/chromium-browser",
          "/usr/bin/google-chrome-stable",
          "/usr/bin/google-chrome");

  private ChromiumExecutable() {}

  /** The configured path when it is set, else the first installed candidate. */
  public static Optional<Path> find(Optional<String> configured) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      Path path = Path.of(configured.get().strip());
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** The headless shell takes no {@code --headless} mode switch. */
  static boolean isHeadlessShell(Path executable) {
    return executable.getFileName().toString().contains("headless-shell");
  }
}
