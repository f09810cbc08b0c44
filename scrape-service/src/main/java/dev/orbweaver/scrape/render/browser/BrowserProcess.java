package dev.orbweaver.scrape.render.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.scrape.render.cdp.CdpConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One headless Chromium process and the DevTools connection to it. The browser gets a fresh profile
 * directory (deleted on close), no way to the network but the egress proxy, and none of the
 * background traffic a desktop browser makes (updates, sync, safe browsing, metrics, DNS prefetch,
 * QUIC, WebRTC over UDP).
 */
public final class BrowserProcess implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final CdpConnection cdp;
  private final int devtoolsPort;

  private BrowserProcess(Process process, Path profile, CdpConnection cdp, int devtoolsPort) {
    this.process = process;
    this.profile = profile;
    this.cdp = cdp;
    this.devtoolsPort = devtoolsPort;
  }

  /** The command line of a browser whose only way out is the proxy at {@code proxyAddress}. */
  static List<String> commandLine(
      Path executable, Path profile, String proxyAddress, int jsHeapMb) {
    List<String> args = new ArrayList<>();
    args.add(executable.toString());
    if (!ChromiumExecutable.isHeadlessShell(executable)) {
      args.add("--headless");
    }
    args.addAll(
        List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-breakpad",
            "--disable-crash-reporter",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-dev-shm-usage",
            "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding",
            "--disable-ipc-flooding-protection",
            "--disable-features=Translate,OptimizationHints,MediaRouter,"
                + "InterestFeedContentSuggestions,AutofillServerCommunication,"
                + "CertificateTransparencyComponentUpdater,DialMediaRouteProvider,"
                + "NetworkPrediction,PrivacySandboxSettings4",
            "--dns-prefetch-disable",
            "--no-pings",
            "--mute-audio",
            "--hide-scrollbars",
            "--password-store=basic",
            "--use-mock-keychain",
            "--metrics-recording-only",
            // Every connection, loopback included (Chromium bypasses proxies for localhost
            // otherwise), goes through the guarded proxy; names are resolved there only.
            "--proxy-server=" + proxyAddress,
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            // WebRTC cannot send UDP past an HTTP proxy: with this policy it sends none at all.
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
            "--webrtc-ip-handling-policy=disable_non_proxied_udp",
            "--js-flags=--max-old-space-size=" + jsHeapMb,
            "--user-data-dir=" + profile,
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank"));
    return args;
  }

  /**
   * Starts a browser and connects to it.
   *
   * @throws IOException when it does not start or announce its DevTools endpoint within the timeout
   */
  public static BrowserProcess launch(
      Path executable, String proxyAddress, int jsHeapMb, Duration timeout, ObjectMapper json)
      throws IOException {
    Path profile = Files.createTempDirectory("orbweaver-chromium-");
    Process process = null;
    try {
      process =
          new ProcessBuilder(commandLine(executable, profile, proxyAddress, jsHeapMb))
              .redirectErrorStream(true)
              .redirectOutput(profile.resolve("browser.log").toFile())
              .start();
      long deadline = System.nanoTime() + timeout.toNanos();
      Path portFile = profile.resolve("DevToolsActivePort");
      List<String> lines = List.of();
      while (lines.size() < 2) {
        if (!process.isAlive()) {
          throw new IOException(
              "the browser exited with " + process.exitValue() + ": " + tail(profile));
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the browser did not start within " + timeout);
        }
        if (Files.exists(portFile)) {
          lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        }
        if (lines.size() < 2) {
          Thread.sleep(5);
        }
      }
      int port = Integer.parseInt(lines.get(0).strip());
      URI endpoint = URI.create("ws://127.0.0.1:" + port + lines.get(1).strip());
      CdpConnection cdp = CdpConnection.open(endpoint, json, timeout);
      return new BrowserProcess(process, profile, cdp, port);
    } catch (IOException | RuntimeException e) {
      destroy(process, profile);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroy(process, profile);
      throw new IOException("interrupted while starting the browser");
    }
  }

  public CdpConnection cdp() {
    return cdp;
  }

  /**
   * The browser's process id: the started process, or its child when the configured executable was
   * a wrapper script that does not {@code exec} (Debian's {@code /usr/bin/chromium}).
   */
  public long pid() {
    String command = process.info().command().orElse("");
    if (command.endsWith("/sh") || command.endsWith("/dash") || command.endsWith("/bash")) {
      try (Stream<ProcessHandle> children = process.toHandle().children()) {
        return children.findFirst().map(ProcessHandle::pid).orElse(process.pid());
      }
    }
    return process.pid();
  }

  public int devtoolsPort() {
    return devtoolsPort;
  }

  public boolean alive() {
    return process.isAlive()
        && cdp.isOpen()
        && ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Resident memory of the browser and all its child processes (renderers, utilities), in bytes: a
   * sum of RSS, so shared pages count more than once; an upper bound, which is what a limit wants.
   */
  public long residentBytes() {
    long total = rss(process.pid());
    Optional<ProcessHandle> handle = ProcessHandle.of(process.pid());
    if (handle.isPresent()) {
      try (Stream<ProcessHandle> children = handle.get().descendants()) {
        total += children.mapToLong(child -> rss(child.pid())).sum();
      }
    }
    return total;
  }

  private static long rss(long pid) {
    try {
      String[] statm = Files.readString(Path.of("/proc/" + pid + "/statm")).trim().split(" ");
      return Long.parseLong(statm[1]) * 4096;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Ends the browser at once (no graceful close: a fresh one replaces it). */
  @Override
  public void close() {
    cdp.close();
    destroy(process, profile);
  }

  private static void destroy(Process process, Path profile) {
    if (process != null) {
      ProcessHandle.of(process.pid())
          .ifPresent(
              h -> {
                try (Stream<ProcessHandle> children = h.descendants()) {
                  children.forEach(ProcessHandle::destroyForcibly);
                }
              });
      process.destroyForcibly();
      try {
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteTree(profile);
  }

  private static String tail(Path profile) {
    try {
      String log = Files.readString(profile.resolve("browser.log"));
      return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a renderer still writing; the temp directory is cleaned by the OS eventually
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }
}
