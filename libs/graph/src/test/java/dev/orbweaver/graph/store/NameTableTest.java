package dev.orbweaver.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameTableTest {
  @TempDir Path dir;

  // 5,006 names: every block size leaves a last block of another length.
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 16, 64})
  void findsEveryNameAndItsNeighbours(int blockSize) throws Exception {
    TreeSet<String> sorted = new TreeSet<>();
    Random random = new Random(3);
    String[] tlds = {"com", "de", "org", "uk.co"};
    while (sorted.size() < 5_000) {
      StringBuilder label = new StringBuilder();
      for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
        label.append((char) ('a' + random.nextInt(26)));
      }
      sorted.add(tlds[random.nextInt(tlds.length)] + "." + label);
    }
    sorted.add("com.example");
    sorted.add("com.example-shop");
    sorted.add("com.example.blog");
    sorted.add("com.example.shop");
    sorted.add("com.examplez");
    sorted.add("com.long-" + "x".repeat(200)); // a length that takes two varint bytes
    List<String> names = new ArrayList<>(sorted);
    Path file = dir.resolve("names.fc");
    try (NameTable.Writer writer = new NameTable.Writer(file, blockSize)) {
      for (String name : names) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        writer.add(bytes, bytes.length);
      }
    }
    NameTable table = NameTable.open(file);

    assertThat(table.size()).isEqualTo(names.size());
    for (int i = 0; i < names.size(); i++) {
      assertThat(table.getString(i)).isEqualTo(names.get(i));
      assertThat(table.find(names.get(i).getBytes(StandardCharsets.US_ASCII))).isEqualTo(i);
    }
    long[] shuffled = new long[names.size()];
    for (int i = 0; i < shuffled.length; i++) {
      shuffled[i] = (i * 7919L) % names.size();
    }
    byte[][] batch = table.getAll(shuffled);
    for (int i = 0; i < shuffled.length; i++) {
      assertThat(new String(batch[i], StandardCharsets.US_ASCII))
          .isEqualTo(names.get((int) shuffled[i]));
    }
    assertThat(table.find("com.nothere-at-all".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    assertThat(table.lowerBound("a".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(table.lowerBound("zzz".getBytes(StandardCharsets.US_ASCII))).isEqualTo(names.size());

    NameTable.Subtree subtree = table.subtree("com.example".getBytes(StandardCharsets.US_ASCII));
    assertThat(subtree.exact()).isEqualTo(names.indexOf("com.example"));
    assertThat(names.subList((int) subtree.from(), (int) subtree.to()))
        .containsExactly("com.example.blog", "com.example.shop");
  }

  @Test
  void refusesNamesOutOfOrder() throws Exception {
    try (NameTable.Writer writer = new NameTable.Writer(dir.resolve("bad.fc"), 16)) {
      writer.add("com.b".getBytes(StandardCharsets.US_ASCII), 5);
      assertThatThrownBy(() -> writer.add("com.a".getBytes(StandardCharsets.US_ASCII), 5))
          .hasMessageContaining("strictly increasing");
    }
  }
}
