package dev.orbweaver.crawl.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What PostgreSQL refuses in text and jsonb leaves a page's text; the rest stays as written. */
class StorableTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nulIsDroppedAndLoneSurrogatesBecomeReplacementCharacters() {
    assertThat(StorableText.of("Caf\u0000e")).isEqualTo("Cafe");
    assertThat(StorableText.of("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(StorableText.of("a\uDC00")).isEqualTo("a\uFFFD");
    assertThat(StorableText.of("end\uD83D")).isEqualTo("end\uFFFD");
    // A well-formed pair (an emoji) and other control characters are text PostgreSQL keeps.
    assertThat(StorableText.of("ok \uD83D\uDE00\t\u0001")).isEqualTo("ok \uD83D\uDE00\t\u0001");
    String clean = "nothing to do";
    assertThat(StorableText.of(clean)).isSameAs(clean);
    assertThat(StorableText.of((String) null)).isNull();
  }

  @Test
  void everyStringOfAJsonTreeIsCleanedKeysIncluded() throws Exception {
    ObjectNode tree =
        (ObjectNode)
            JSON.readTree(
                "{\"title\":\"T\\u0000\",\"json_ld\":[{\"name\":\"Shoe\\u0000\","
                    + "\"offers\":{\"price\":\"1\\ud800\"}}],\"bad\\u0000key\":1,\"n\":2}");

    StorableText.tree(tree);

    assertThat(JSON.writeValueAsString(tree))
        .isEqualTo(
            "{\"title\":\"T\",\"json_ld\":[{\"name\":\"Shoe\",\"offers\":{\"price\":\"1\uFFFD\"}}],"
                + "\"badkey\":1,\"n\":2}");
  }

  @Test
  void formatValuesAreCleanedWhateverTheirShape() throws Exception {
    Object cleaned =
        StorableText.value(
            Map.of(
                "markdown", "# T\u0000",
                "links", List.of("http://a/\u0000"),
                "json", JSON.readTree("{\"k\":\"v\\u0000\"}")));

    assertThat(JSON.writeValueAsString(cleaned))
        .contains("\"# T\"")
        .contains("\"http://a/\"")
        .contains("{\"k\":\"v\"}")
        .doesNotContain("\\u0000");
  }
}
