package dev.orbweaver.scrape.changetracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bounded line diff: the shortest diff while it fits the budget, a correct one always, and an
 * answer within its budget for texts Myers' algorithm would take minutes on.
 */
class LineDiffTest {
  private static final DiffBudget AMPLE = DiffBudget.startingNow(100_000, Duration.ofMinutes(5));

  private static List<String> page(int lines) {
    List<String> page = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      page.add("line " + i + " of the page");
    }
    return page;
  }

  private static List<String> edited(List<String> page, int edits, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(page);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(out.size());
      switch (random.nextInt(3)) {
        case 0 -> out.set(at, "changed " + e);
        case 1 -> out.add(at, "inserted " + e);
        default -> out.remove(at);
      }
    }
    return out;
  }

  private static void assertTurnsInto(Patch<String> patch, List<String> before, List<String> after)
      throws Exception {
    assertThat(patch.applyTo(before)).isEqualTo(after);
  }

  private static int changedLines(Patch<String> patch) {
    int n = 0;
    for (AbstractDelta<String> d : patch.getDeltas()) {
      n += d.getSource().size() + d.getTarget().size();
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 40, 300})
  void withinTheBudgetItIsAsShortAsMyers(int edits) throws Exception {
    List<String> before = page(2_000);
    List<String> after = edited(before, edits, edits);
    Patch<String> patch = LineDiff.between(before, after, AMPLE);
    assertTurnsInto(patch, before, after);
    assertThat(changedLines(patch)).isEqualTo(changedLines(DiffUtils.diff(before, after)));
  }

  @Test
  void pastTheEditBudgetItIsCoarseButCorrect() throws Exception {
    List<String> before = page(3_000);
    List<String> after = edited(before, 600, 7);
    Patch<String> patch =
        LineDiff.between(before, after, DiffBudget.startingNow(10, Duration.ofMinutes(1)));
    assertTurnsInto(patch, before, after);
    // The unique lines anchor the coarse diff: it is nowhere near a wholesale replacement.
    assertThat(changedLines(patch)).isLessThan(2 * changedLines(DiffUtils.diff(before, after)));
  }

  @Test
  void pastTheDeadlineEveryRegionIsReplacedWhole() throws Exception {
    List<String> before = page(1_000);
    List<String> after = edited(before, 50, 3);
    Patch<String> patch =
        LineDiff.between(before, after, DiffBudget.startingNow(1000, Duration.ZERO));
    assertTurnsInto(patch, before, after);
    assertThat(patch.getDeltas()).hasSize(1);
  }

  @Test
  void emptySidesAndEqualTexts() throws Exception {
    List<String> text = page(10);
    assertThat(LineDiff.between(text, text, AMPLE).getDeltas()).isEmpty();
    assertTurnsInto(LineDiff.between(List.of(), text, AMPLE), List.of(), text);
    assertTurnsInto(LineDiff.between(text, List.of(), AMPLE), text, List.of());
  }

  /** The case: nothing in common; Myers alone takes minutes on 20,000 lines a side. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twentyThousandDifferentLinesAnswerWithinTheTimeout() throws Exception {
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      before.add("old line " + i);
      after.add("new line " + i);
    }
    Patch<String> patch = LineDiff.between(before, after, DiffBudget.standard());
    assertTurnsInto(patch, before, after);
  }

  /** Repeated lines: no line is unique, so nothing anchors and Myers meets its budget. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twentyThousandShuffledRepeatedLinesAnswerWithinTheTimeout() throws Exception {
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      before.add("row " + (i % 7));
    }
    List<String> after = new ArrayList<>(before);
    Collections.shuffle(after, new Random(17));
    Patch<String> patch = LineDiff.between(before, after, DiffBudget.standard());
    assertTurnsInto(patch, before, after);
  }
}
