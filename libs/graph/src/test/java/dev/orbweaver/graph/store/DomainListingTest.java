package dev.orbweaver.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainListingTest {
  @TempDir Path dir;

  /** Store id {@code v}'s name here: lengths from 2 to the longest allowed, some over 127. */
  private static String name(int v) {
    if (v % 100_003 == 7) {
      return "x".repeat(NameTable.MAX_NAME - 4) + ".com";
    }
    if (v % 1_009 == 3) {
      return "long-" + "y".repeat(150) + ".org";
    }
    return "d" + Integer.toString(v, 36) + (v % 3 == 0 ? ".co.uk" : v % 3 == 1 ? ".de" : "");
  }

  private static int hosts(int v) {
    return v % 5 == 0 ? 1 : v * 31 & 0x7fffffff;
  }

  private static int rank(int v) {
    return v % 4 == 0 ? 0 : v + 1;
  }

  private Path write(int count) throws IOException {
    Path file = dir.resolve("listing-" + count + ".bin");
    try (DomainListing.Writer writer = new DomainListing.Writer(file, count)) {
      for (int v = 0; v < count; v++) {
        byte[] bytes = name(v).getBytes(StandardCharsets.US_ASCII);
        writer.add(bytes, bytes.length, hosts(v), rank(v));
      }
    }
    return file;
  }

  // Exactly 2^16 full blocks (an empty second chunk), and more: block offsets restart at the
  // second chunk's start.
  @ParameterizedTest
  @ValueSource(ints = {0, 1_000})
  void listsEveryDomainAcrossChunksOneByOneAndInBatches(int past) throws Exception {
    int count = (DomainListing.BLOCK << DomainListing.CHUNK_SHIFT) + past;
    DomainListing listing = DomainListing.open(write(count));

    assertThat(listing.size()).isEqualTo(count);
    int[] shuffled = new int[count];
    for (int i = 0; i < count; i++) {
      shuffled[i] = (int) ((i * 7919L) % count);
    }
    String[] names = new String[count];
    int[] hosts = new int[count];
    int[] ranks = new int[count];
    listing.getAll(shuffled, 0, count, names, hosts, ranks);
    for (int i = 0; i < count; i++) {
      int v = shuffled[i];
      assertThat(names[i]).isEqualTo(name(v));
      assertThat(hosts[i]).isEqualTo(hosts(v));
      assertThat(ranks[i]).isEqualTo(rank(v));
    }
    int lastOfFirstChunk = (DomainListing.BLOCK << DomainListing.CHUNK_SHIFT) - 1;
    for (int v : new int[] {0, 3, 7, 15, 16, lastOfFirstChunk, count - 1}) {
      assertThat(listing.name(v)).isEqualTo(name(v));
    }
    assertThatThrownBy(() -> listing.name(count)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aPartOfABatchIsFilledInPlace() throws Exception {
    DomainListing listing = DomainListing.open(write(100));
    int[] ids = {5, 99, 0, 42};
    String[] names = new String[4];
    int[] hosts = new int[4];
    int[] ranks = new int[4];
    listing.getAll(ids, 1, 3, names, hosts, ranks);
    assertThat(names).containsExactly(null, name(99), name(0), null);
    assertThat(hosts).containsExactly(0, hosts(99), hosts(0), 0);
  }

  @Test
  void anEmptyReleaseListsNothing() throws Exception {
    DomainListing listing = DomainListing.open(write(0));
    assertThat(listing.size()).isZero();
    assertThatThrownBy(() -> listing.name(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesATruncatedOrForeignFile() throws Exception {
    byte[] bytes = Files.readAllBytes(write(5_000));
    Path truncated = dir.resolve("truncated.bin");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> DomainListing.open(truncated)).hasMessageContaining("truncated");

    Path foreign = dir.resolve("foreign.bin");
    Files.writeString(foreign, "OWNAMES1 and then something else entirely");
    assertThatThrownBy(() -> DomainListing.open(foreign))
        .hasMessageContaining("not a domain listing");
  }

  @Test
  void aWriterClosedShortOfItsCountFails() throws Exception {
    DomainListing.Writer writer = new DomainListing.Writer(dir.resolve("short.bin"), 3);
    writer.add(new byte[] {'a'}, 1, 1, 0);
    assertThatThrownBy(writer::close).hasMessageContaining("1 of 3");
  }
}
