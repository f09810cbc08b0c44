package dev.orbweaver.graph.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongBigList;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.io.IOException;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * Decodes whole predecessor lists straight from the memory-mapped BVGraph file into reusable int
 * arrays. WebGraph's lazy iterators read the mapped file through a {@code ByteBufferInputStream}
 * and an {@code InputBitStream}, with several calls per link; gap analysis and outreach read every
 * link of every competitor, and there that decoding was most of their time. This reader copies the
 * file's bytes out of the mapping 16 KiB at a time and decodes each code from one 64-bit read with
 * a leading-zero count and shifts: about 25 ns a link against WebGraph's 35–45 on the bench's
 * release (one loaded 2-core machine; see bench/backlinks/README.md).
 *
 * <p>It knows BVGraph's default coding only (γ outdegrees, unary references, γ block counts and
 * blocks, γ intervals, ζ<sub>k</sub> residuals), which is what ingest writes; {@link
 * Release#predecessorReader()} falls back to WebGraph for any other. Not thread-safe: one per
 * query, like {@link Release#linkGraph()}.
 */
public final class PredecessorReader {
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Bytes copied out of the mapping at a time. */
  private static final int CHUNK = 16 * 1024;

  private final MappedFile graph;
  private final LongBigList offsets;
  private final int windowSize;
  private final int minIntervalLength;
  private final int zetaK;

  /** Bit position of the next code. */
  private long position;

  /** {@link #CHUNK} bytes of the file and 8 of zeros; bit {@link #base} is its first. */
  private final byte[] chunk = new byte[CHUNK + Long.BYTES];

  private long base;

  /** Bits from {@link #base} that {@link #peek} may start at; 0 until the first refill. */
  private long valid;

  /** The referenced lists being copied from, one per depth of references. */
  private IntArrayList[] referenced = new IntArrayList[] {new IntArrayList()};

  /** Scratch for a list's copied links, intervals and residuals before they are merged. */
  private int[] copied = new int[16];

  private int[] intervalled = new int[16];
  private int[] residuals = new int[16];

  /** Set when the graph is not in the coding this reader knows: WebGraph decodes instead. */
  private final ImmutableGraph fallback;

  private PredecessorReader(
      MappedFile graph,
      LongBigList offsets,
      int windowSize,
      int minIntervalLength,
      int zetaK,
      ImmutableGraph fallback) {
    this.graph = graph;
    this.offsets = offsets;
    this.windowSize = windowSize;
    this.minIntervalLength = minIntervalLength;
    this.zetaK = zetaK;
    this.fallback = fallback;
  }

  /** What every reader of one release shares. */
  record Source(MappedFile graph, LongBigList offsets, int window, int minInterval, int zetaK) {
    /**
     * The mapped graph file and WebGraph's offsets of {@code loaded}, or null when the graph uses
     * another coding than BVGraph's default or WebGraph hides its offsets.
     */
    static Source of(BVGraph loaded, Path basename) throws IOException {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(Path.of(basename + BVGraph.PROPERTIES_EXTENSION))) {
        properties.load(in);
      }
      if (!properties.getProperty("compressionflags", "").isBlank()
          || !properties.getProperty("version", "0").equals("0")) {
        return null;
      }
      LongBigList offsets;
      try {
        // WebGraph keeps the offsets (Elias–Fano, on the heap) protected; sharing them costs no
        // second copy.
        Field field = BVGraph.class.getDeclaredField("offsets");
        field.setAccessible(true);
        offsets = (LongBigList) field.get(loaded);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
      if (offsets == null) {
        return null;
      }
      return new Source(
          MappedFile.map(Path.of(basename + BVGraph.GRAPH_EXTENSION), Long.BYTES),
          offsets,
          loaded.windowSize(),
          Integer.parseInt(properties.getProperty("minintervallength")),
          Integer.parseInt(properties.getProperty("zetak")));
    }
  }

  static PredecessorReader of(Source source, BVGraph graph) {
    if (source == null) {
      return new PredecessorReader(null, null, 0, 0, 0, graph.copy());
    }
    return new PredecessorReader(
        source.graph(),
        source.offsets(),
        source.window(),
        source.minInterval(),
        source.zetaK(),
        null);
  }

  /** Replaces the content of {@code into} with the predecessor list of {@code vertex}. */
  public void read(int vertex, IntArrayList into) {
    into.clear();
    if (fallback != null) {
      into.size(fallback.outdegree(vertex));
      LazyIntIterators.unwrap(fallback.successors(vertex), into.elements());
      return;
    }
    readInto(vertex, into, 0, Integer.MAX_VALUE);
  }

  /** The first {@code limit} entries of the list of {@code vertex}: top-k in authority order. */
  public void readFirst(int vertex, int limit, IntArrayList into) {
    into.clear();
    if (fallback != null) {
      into.size(Math.min(limit, fallback.outdegree(vertex)));
      LazyIntIterators.unwrap(fallback.successors(vertex), into.elements(), 0, into.size());
      return;
    }
    readInto(vertex, into, 0, limit);
  }

  /** The list's length, without decoding it. */
  public int outdegree(int vertex) {
    if (fallback != null) {
      return fallback.outdegree(vertex);
    }
    position = offsets.getLong(vertex);
    return gamma();
  }

  /** The first {@code limit} entries of the list of {@code x} into {@code into}. */
  private void readInto(int x, IntArrayList into, int depth, int limit) {
    position = offsets.getLong(x);
    int degree = gamma();
    int size = Math.min(degree, limit);
    // size() zero-fills, so before the list is written.
    into.size(size);
    if (size == 0) {
      return;
    }
    int[] out = into.elements();
    int reference = windowSize > 0 ? unary() : 0;
    int copiedCount = 0;
    if (reference > 0) {
      // Blocks alternately copy and skip entries of the referenced list, copying first; an even
      // number of blocks leaves the rest copied. After an odd number only the blocks' span of the
      // referenced list is needed: decoding stops there, which spares most of a long list that
      // shares a few links with a long neighbour.
      int blockCount = gamma();
      int[] blocks = new int[blockCount];
      int span = 0;
      for (int i = 0; i < blockCount; i++) {
        blocks[i] = gamma() + (i == 0 ? 0 : 1);
        span += blocks[i];
      }
      long resume = position;
      IntArrayList ref = scratch(depth);
      readInto(x - reference, ref, depth + 1, (blockCount & 1) == 1 ? span : Integer.MAX_VALUE);
      position = resume;
      copied = grow(copied, ref.size());
      int[] from = ref.elements();
      int at = 0;
      for (int i = 0; i < blockCount; i++) {
        if ((i & 1) == 0) {
          System.arraycopy(from, at, copied, copiedCount, blocks[i]);
          copiedCount += blocks[i];
        }
        at += blocks[i];
      }
      if ((blockCount & 1) == 0 && at < ref.size()) {
        System.arraycopy(from, at, copied, copiedCount, ref.size() - at);
        copiedCount += ref.size() - at;
      }
    }
    int extra = degree - copiedCount;
    int intervalCount = 0;
    if (extra > 0 && minIntervalLength != 0) {
      intervalCount = gamma();
    }
    int intervalLinks = 0;
    if (intervalCount > 0) {
      intervalled = grow(intervalled, extra);
      long left = x + nat2int(longGamma());
      int length = gamma() + minIntervalLength;
      for (int i = 0; ; ) {
        for (int j = 0; j < length; j++) {
          intervalled[intervalLinks++] = (int) (left + j);
        }
        left += length;
        if (++i == intervalCount) {
          break;
        }
        left += gamma() + 1;
        length = gamma() + minIntervalLength;
      }
    }
    int residualCount = Math.min(extra - intervalLinks, size);
    if (copiedCount == 0 && intervalLinks == 0) {
      // The common case: residuals only, written straight to the output.
      residuals(x, residualCount, out);
      return;
    }
    residuals = grow(residuals, residualCount);
    residuals(x, residualCount, residuals);
    merge(copied, copiedCount, intervalled, intervalLinks, residuals, residualCount, out, size);
  }

  private void residuals(int x, int count, int[] out) {
    if (count == 0) {
      return;
    }
    long previous = x + nat2int(zeta());
    out[0] = (int) previous;
    for (int i = 1; i < count; i++) {
      previous += zeta() + 1;
      out[i] = (int) previous;
    }
  }

  /** The first {@code size} of three sorted, disjoint runs, in order. */
  private static void merge(
      int[] a, int na, int[] b, int nb, int[] c, int nc, int[] out, int size) {
    int i = 0;
    int j = 0;
    int k = 0;
    for (int o = 0; o < size; ) {
      int va = i < na ? a[i] : Integer.MAX_VALUE;
      int vb = j < nb ? b[j] : Integer.MAX_VALUE;
      int vc = k < nc ? c[k] : Integer.MAX_VALUE;
      if (va <= vb && va <= vc) {
        out[o++] = va;
        i++;
      } else if (vb <= vc) {
        out[o++] = vb;
        j++;
      } else {
        out[o++] = vc;
        k++;
      }
    }
  }

  private IntArrayList scratch(int depth) {
    if (depth >= referenced.length) {
      // References chain at most maxRefCount deep; grow the rare deeper case.
      IntArrayList[] more = Arrays.copyOf(referenced, depth + 1);
      for (int i = referenced.length; i <= depth; i++) {
        more[i] = new IntArrayList();
      }
      referenced = more;
    }
    return referenced[depth];
  }

  private static int[] grow(int[] array, int size) {
    return array.length >= size ? array : new int[Math.max(size, array.length * 2)];
  }

  private static long nat2int(long n) {
    return (n >>> 1) ^ -(n & 1);
  }

  // ------------------------------------------------------------------------------- bit codes

  /**
   * The next 64 bits from {@link #position}, of which at least 57 are the file's (zeros past its
   * end). Read from a copy of the file's bytes: a bulk copy out of the mapping and plain array
   * reads cost less than a mapped read per code.
   */
  private long peek() {
    long relative = position - base;
    if (Long.compareUnsigned(relative, valid) >= 0) {
      refill();
      relative = position - base;
    }
    return (long) BIG_ENDIAN_LONG.get(chunk, (int) (relative >>> 3)) << (relative & 7);
  }

  /** Copies the file's bytes from {@link #position} on into {@link #chunk}. */
  private void refill() {
    long from = position >>> 3;
    int length = (int) Math.min(CHUNK, graph.size() - from);
    if (length <= 0) {
      throw new IllegalStateException("predecessor list runs past the end of the graph file");
    }
    graph.get(from, chunk, length);
    Arrays.fill(chunk, length, chunk.length, (byte) 0);
    base = from << 3;
    // Whole 64-bit reads stay inside the copy; at the file's end, the zero padding stands in.
    valid = length == CHUNK ? (long) (CHUNK - Long.BYTES) << 3 : (long) length << 3;
  }

  /** Zeros up to the next one, which is consumed too. */
  private int unary() {
    int zeros = 0;
    while (true) {
      long word = peek();
      int valid = 64 - (int) (position & 7);
      if (word != 0) {
        int z = Long.numberOfLeadingZeros(word);
        position += z + 1;
        return zeros + z;
      }
      zeros += valid;
      position += valid;
    }
  }

  /** The next {@code length} bits as a number, {@code length} at most 62. */
  private long bits(int length) {
    if (length == 0) {
      return 0;
    }
    if (length <= 56) {
      long word = peek();
      position += length;
      return word >>> (64 - length);
    }
    long high = bits(length - 32);
    return (high << 32) | bits(32);
  }

  private int gamma() {
    return (int) longGamma();
  }

  private long longGamma() {
    int msb = unary();
    return ((1L << msb) | bits(msb)) - 1;
  }

  private long zeta() {
    // Most codes fit one 64-bit read: unary part, mantissa and the possible extra bit together.
    long word = peek();
    if (word != 0) {
      int h = Long.numberOfLeadingZeros(word);
      int length = h * zetaK + zetaK - 1;
      if (h + length + 2 <= 57) {
        long rest = word << (h + 1);
        long left = 1L << (h * zetaK);
        long m = length == 0 ? 0 : rest >>> (64 - length);
        if (m < left) {
          position += h + 1 + length;
          return m + left - 1;
        }
        position += h + 2 + length;
        return (m << 1) + ((rest << length) >>> 63) - 1;
      }
    }
    int h = unary();
    long left = 1L << (h * zetaK);
    long m = bits(h * zetaK + zetaK - 1);
    if (m < left) {
      return m + left - 1;
    }
    return (m << 1) + bits(1) - 1;
  }
}
