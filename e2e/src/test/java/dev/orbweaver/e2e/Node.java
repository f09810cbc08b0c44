package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The npm-driven checks under e2e/js (the Firecrawl SDK, the MCP SDK, redocly): real clients of the
 * platform, run as processes; a non-zero exit fails the test with everything the process printed.
 */
final class Node {
  private Node() {}

  /** e2e/js of the checkout under test, with its packages installed ({@code npm ci}) once. */
  static Path js(String installedMarker) {
    Path js =
        Path.of(System.getProperty("orbweaver.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("e2e/js");
    if (!Files.isDirectory(js.resolve("node_modules").resolve(installedMarker))) {
      run(js, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
    }
    return js;
  }

  static String run(Path dir, List<String> command, Map<String, String> env, int seconds) {
    try {
      // Output goes to a file, so that a hung process cannot block the read past the time limit.
      Path log = Files.createTempFile("e2e-node", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      assertThat(finished).as(String.join(" ", command) + " timed out:\n" + text).isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
