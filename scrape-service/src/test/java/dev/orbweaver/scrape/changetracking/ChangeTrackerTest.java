package dev.orbweaver.scrape.changetracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeTrackerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ChangeResult compare(
      Set<Mode> modes, Snapshot previous, String markdown, JsonNode current) {
    return ChangeTracker.compare(
        new ChangeRequest(modes, previous, markdown, current, null, "t1", null));
  }

  @Test
  void aFirstObservationIsChangedWithTheSnapshotToKeepAndNoDiff() {
    ChangeResult result = compare(Set.of(Mode.GIT_DIFF), null, "# Pricing\n\nStarter $19\n", null);

    assertThat(result.status()).isEqualTo(ChangeResult.Status.CHANGED);
    assertThat(result.firstObservation()).isTrue();
    assertThat(result.diff()).isNull();
    assertThat(result.contentHash()).isEqualTo(Fingerprints.sha256("# Pricing\n\nStarter $19"));
    assertThat(result.snapshot().markdown()).isEqualTo("# Pricing\n\nStarter $19\n");
    assertThat(result.snapshot().contentHash()).isEqualTo(result.contentHash());
    assertThat(result.tag()).isEqualTo("t1");
  }

  @Test
  void whitespaceChurnIsTheSamePage() {
    Snapshot previous = new Snapshot("# Hi\n\nbody", null, null, null);
    ChangeResult result =
        compare(Set.of(), previous, "\r\n# Hi   \r\n\r\n\r\n\r\nbody  \n\n", null);

    assertThat(result.status()).isEqualTo(ChangeResult.Status.SAME);
    assertThat(result.firstObservation()).isFalse();
    assertThat(result.contentHash()).isEqualTo(Fingerprints.markdownHash("# Hi\n\nbody"));
  }

  @Test
  void aChangedLineGivesTheUnifiedDiffAndItsParsedForm() {
    Snapshot previous = new Snapshot("# Pricing\n\nStarter $19\nPro $49", null, "abc", null);
    ChangeResult result =
        compare(Set.of(Mode.GIT_DIFF), previous, "# Pricing\n\nStarter $24\nPro $49", null);

    assertThat(result.status()).isEqualTo(ChangeResult.Status.CHANGED);
    assertThat(result.diff().text())
        .isEqualTo(
            "--- previous\n+++ current\n@@ -1,4 +1,4 @@\n # Pricing\n \n-Starter $19\n+Starter $24\n Pro $49\n");
    JsonNode file = result.diff().json().get("files").get(0);
    assertThat(file.get("additions").asInt()).isEqualTo(1);
    assertThat(file.get("deletions").asInt()).isEqualTo(1);
    JsonNode chunk = file.get("chunks").get(0);
    assertThat(chunk.get("content").asText()).isEqualTo("@@ -1,4 +1,4 @@");
    assertThat(chunk.get("oldStart").asInt()).isEqualTo(1);
    assertThat(chunk.get("newLines").asInt()).isEqualTo(4);
    JsonNode changes = chunk.get("changes");
    assertThat(changes.get(0).toString())
        .isEqualTo(
            "{\"type\":\"normal\",\"normal\":true,\"ln1\":1,\"ln2\":1,\"content\":\" # Pricing\"}");
    assertThat(changes.get(2).toString())
        .isEqualTo("{\"type\":\"del\",\"del\":true,\"ln\":3,\"content\":\"-Starter $19\"}");
    assertThat(changes.get(3).toString())
        .isEqualTo("{\"type\":\"add\",\"add\":true,\"ln\":3,\"content\":\"+Starter $24\"}");
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void jsonModeDiffsTrackedFieldsByPathAndHashesTheCanonicalJson() {
    Snapshot previous =
        new Snapshot(
            null,
            json("{\"plans\":[{\"price\":\"$19\"},{\"price\":\"$49\"}],\"name\":\"A\"}"),
            null,
            null);
    JsonNode current =
        json("{\"name\":\"A\",\"plans\":[{\"price\":\"$24\"},{\"price\":\"$49\"}],\"new\":1}");

    ChangeResult result = compare(Set.of(Mode.JSON), previous, "markdown is not tracked", current);

    assertThat(result.status()).isEqualTo(ChangeResult.Status.CHANGED);
    assertThat(result.diff().text()).isNull();
    assertThat(result.diff().json())
        .isEqualTo(
            json(
                "{\"new\":{\"previous\":null,\"current\":1},"
                    + "\"plans[0].price\":{\"previous\":\"$19\",\"current\":\"$24\"}}"));
    assertThat(result.contentHash())
        .isEqualTo(
            Fingerprints.sha256(
                "{\"name\":\"A\",\"new\":1,\"plans\":[{\"price\":\"$24\"},{\"price\":\"$49\"}]}"));
    assertThat(result.snapshot().markdown()).isNull();
    assertThat(result.snapshot().json()).isEqualTo(current);
  }

  @Test
  void jsonModeIsSameWhenTrackedFieldsAreEqualWhateverTheMarkdownAndKeyOrder() {
    Snapshot previous = new Snapshot("old text", json("{\"a\":1,\"b\":2.0}"), null, null);

    ChangeResult result =
        compare(Set.of(Mode.JSON), previous, "new text", json("{\"b\":2,\"a\":1}"));

    assertThat(result.status()).isEqualTo(ChangeResult.Status.SAME);
  }

  @Test
  void mixedModePutsTheFieldMapInDiffJsonAndKeepsTheText() {
    Snapshot previous = new Snapshot("Starter $19", json("{\"price\":\"$19\"}"), null, null);

    ChangeResult result =
        compare(
            Set.of(Mode.GIT_DIFF, Mode.JSON), previous, "Starter $24", json("{\"price\":\"$24\"}"));

    assertThat(result.diff().text()).contains("-Starter $19\n+Starter $24\n");
    assertThat(result.diff().json())
        .isEqualTo(json("{\"price\":{\"previous\":\"$19\",\"current\":\"$24\"}}"));
    assertThat(result.contentHash()).isEqualTo(Fingerprints.markdownHash("Starter $24"));
  }

  @Test
  void aCallerThatKeptOnlyTheHashLearnsSameOrChangedWithoutAText() {
    String hash = Fingerprints.markdownHash("stable page");
    ChangeResult same =
        compare(Set.of(Mode.GIT_DIFF), new Snapshot(null, null, hash, null), "stable page\n", null);
    ChangeResult changed =
        compare(Set.of(Mode.GIT_DIFF), new Snapshot(null, null, hash, null), "edited page", null);

    assertThat(same.status()).isEqualTo(ChangeResult.Status.SAME);
    assertThat(changed.status()).isEqualTo(ChangeResult.Status.CHANGED);
    assertThat(changed.diff()).isNull();
  }

  @Test
  void binaryContentIsHashedNotDiffed() {
    Snapshot previous = new Snapshot(null, null, Fingerprints.sha256("old pdf text"), null);
    ChangeResult result =
        ChangeTracker.compare(
            new ChangeRequest(
                Set.of(Mode.GIT_DIFF),
                previous,
                "new pdf text",
                null,
                "application/pdf",
                null,
                null));

    assertThat(result.status()).isEqualTo(ChangeResult.Status.CHANGED);
    assertThat(result.diff()).isNull();
    assertThat(result.contentHash()).isEqualTo(Fingerprints.sha256("new pdf text"));
  }

  @Test
  void aHugeDiffMarksTheParsedFormTruncatedButKeepsTheWholeText() {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      before.append("line ").append(i).append('\n');
      after.append("changed ").append(i).append('\n');
    }
    ChangeResult result =
        compare(
            Set.of(Mode.GIT_DIFF),
            new Snapshot(before.toString(), null, null, null),
            after.toString(),
            null);

    assertThat(result.truncated()).isTrue();
    assertThat(result.diff().json().get("truncated").asBoolean()).isTrue();
    assertThat(result.diff().json().get("files").get(0).get("chunks").get(0).get("changes").size())
        .isEqualTo(ChangeTracker.MAX_DIFF_CHANGES);
    assertThat(result.diff().text()).contains("-line 2999\n").contains("+changed 2999\n");
  }
}
