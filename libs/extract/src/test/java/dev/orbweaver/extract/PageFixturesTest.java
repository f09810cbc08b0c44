package dev.orbweaver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.metadata.PageMetadata;
import dev.orbweaver.extract.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world-shaped pages under {@code src/test/resources/pages}: each {@code NAME.html} comes with
 * {@code NAME.md} (Markdown of its main content), optionally {@code NAME.full.md} (the whole page),
 * and {@code NAME.json} (the page's address, the encoding it must be read with, its metadata, and
 * phrases its main content must keep and drop).
 */
class PageFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> pages() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".html"))
          .map(name -> name.substring(0, name.length() - 5))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("pages")
  void mainContentMarkdownIsExactlyTheExpectedOne(String name) {
    assertThat(page(name).markdown(true)).isEqualTo(expectedMarkdown(name + ".md"));
  }

  @ParameterizedTest
  @MethodSource("pages")
  void wholePageMarkdownIsExactlyTheExpectedOne(String name) {
    Assumptions.assumeTrue(Files.exists(resolve(name + ".full.md")), "no whole-page expectation");
    assertThat(page(name).markdown(false)).isEqualTo(expectedMarkdown(name + ".full.md"));
  }

  @ParameterizedTest
  @MethodSource("pages")
  void metadataAndEncodingAreTheExpectedOnes(String name) {
    Page page = page(name);
    JsonNode expected = expectation(name);
    assertThat(page.charset().name()).isEqualTo(expected.get("charset").asText());
    assertThat(metadataTree(page.metadata())).isEqualTo(expected.get("metadata"));
  }

  @ParameterizedTest
  @MethodSource("pages")
  void mainContentKeepsTheArticleAndDropsTheRest(String name) {
    String markdown = page(name).markdown(true);
    JsonNode mainContent = expectation(name).get("mainContent");
    for (JsonNode phrase : mainContent.get("keeps")) {
      assertThat(markdown).as("%s keeps", name).contains(phrase.asText());
    }
    for (JsonNode phrase : mainContent.get("drops")) {
      assertThat(markdown).as("%s drops", name).doesNotContain(phrase.asText());
    }
  }

  @ParameterizedTest
  @MethodSource("pages")
  void autoProfileReadsWhatThePageDescribes(String name) {
    JsonNode expected = expectation(name).get("profile");
    Assumptions.assumeTrue(expected != null, "no profile expectation");
    // Compared as JSON text read back, so that 237 equals 237 whatever number node holds it.
    assertThat(readTree(page(name).profile(Profile.AUTO).toString())).isEqualTo(expected);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Page page(String name) {
    try {
      return Page.parse(
          Files.readAllBytes(resolve(name + ".html")),
          null,
          expectation(name).get("url").asText(),
          200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode expectation(String name) {
    try {
      return JSON.readTree(resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metadata as the expectation files write it: JSON-LD blocks reduced to their types. */
  private static ObjectNode metadataTree(PageMetadata metadata) {
    ObjectNode tree = JSON.createObjectNode();
    tree.put("title", metadata.title());
    tree.put("description", metadata.description());
    tree.put("canonical", metadata.canonical());
    tree.put("language", metadata.language());
    tree.set("og", JSON.valueToTree(metadata.og()));
    tree.set("twitter", JSON.valueToTree(metadata.twitter()));
    ArrayNode types = tree.putArray("jsonLdTypes");
    for (JsonNode block : metadata.jsonLd()) {
      types.add(block.has("@type") ? block.get("@type").asText() : "@graph");
    }
    tree.put("sourceUrl", metadata.sourceUrl());
    tree.put("statusCode", metadata.statusCode());
    tree.put("keywords", metadata.keywords());
    tree.put("author", metadata.author());
    tree.put("publishedTime", metadata.publishedTime());
    tree.put("favicon", metadata.favicon());
    return tree;
  }

  private static String expectedMarkdown(String file) {
    try {
      String text = Files.readString(resolve(file), StandardCharsets.UTF_8);
      // Files end with a newline; the converter's output does not.
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resolve(String file) {
    try {
      return directory().resolve(file);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path directory() throws URISyntaxException {
    return Path.of(PageFixturesTest.class.getResource("/pages").toURI());
  }
}
