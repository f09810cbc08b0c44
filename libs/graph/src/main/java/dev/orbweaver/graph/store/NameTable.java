package dev.orbweaver.graph.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The release's vertex names in Common Crawl's order (reversed names, strictly increasing bytes),
 * front-coded in blocks and memory-mapped: name by original id, original id by name, and the range
 * of a domain with its subdomains. dsiutils' front-coded lists live on the heap; this layout is
 * read straight from the page cache, so a replica's heap does not grow with the graph.
 *
 * <p>Layout: a 40-byte header ({@code OWNAMES1}, count, block size, blocks, index offset), the
 * blocks (first name whole, then shared-prefix length and suffix per name, lengths as varints),
 * then one absolute offset per block.
 */
public final class NameTable {
  static final byte[] MAGIC = "OWNAMES1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = 40;

  /** Longest name accepted; Common Crawl's are at most 253 bytes. */
  public static final int MAX_NAME = 1024;

  private static final int BLOCK_BYTES_MAX = 64 * (MAX_NAME + 10);

  /** Names looked up together by {@link #getAll}. */
  private static final int BATCH = 64;

  /**
   * Bytes of a block {@link #getAll} copies to the heap and decodes there, cheaper than reading the
   * mapping byte by byte; eight typical names take about 100.
   */
  private static final int SPAN = 256;

  private final MappedFile file;
  private final long count;
  private final int blockSize;
  private final long blocks;
  private final long indexOffset;

  private NameTable(MappedFile file, long count, int blockSize, long blocks, long indexOffset) {
    this.file = file;
    this.count = count;
    this.blockSize = blockSize;
    this.blocks = blocks;
    this.indexOffset = indexOffset;
  }

  public static NameTable open(Path path) throws IOException {
    MappedFile file = MappedFile.map(path, BLOCK_BYTES_MAX);
    ByteBuffer header = file.window(0);
    byte[] magic = new byte[MAGIC.length];
    header.get(0, magic);
    if (file.size() < HEADER || !Arrays.equals(magic, MAGIC)) {
      throw new IOException(path + " is not a name table");
    }
    long count = header.getLong(8);
    int blockSize = header.getInt(16);
    long blocks = header.getLong(20);
    long indexOffset = header.getLong(28);
    if (indexOffset + blocks * 8 != file.size()) {
      throw new IOException(path + " is truncated");
    }
    return new NameTable(file, count, blockSize, blocks, indexOffset);
  }

  public long size() {
    return count;
  }

  /** The name of original id {@code id}. */
  public byte[] get(long id) {
    if (id < 0 || id >= count) {
      throw new IndexOutOfBoundsException(id);
    }
    Cursor cursor = new Cursor(id / blockSize);
    for (long i = id % blockSize; i > 0; i--) {
      cursor.next();
    }
    return Arrays.copyOf(cursor.name, cursor.length);
  }

  /**
   * The names of many ids, as {@link #get} gives them one by one but several times faster on a
   * large table. A name costs a chain of cache misses (index entry, then block) and decoding one
   * name is too long for the processor to overlap the next name's misses; taken a step at a time
   * over a run of ids, the misses of different names overlap. Runs of {@value #BATCH}: more misses
   * than a core keeps in flight, few enough that a run's blocks are still cached when decoded (a
   * gap result asks for 10,000 names).
   */
  public byte[][] getAll(long[] ids) {
    byte[][] out = new byte[ids.length][];
    long[] positions = new long[BATCH];
    byte[] heads = new byte[BATCH];
    byte[] span = new byte[SPAN];
    byte[] name = new byte[MAX_NAME];
    for (int from = 0; from < ids.length; from += BATCH) {
      int k = Math.min(BATCH, ids.length - from);
      for (int i = 0; i < k; i++) {
        long id = ids[from + i];
        if (id < 0 || id >= count) {
          throw new IndexOutOfBoundsException(id);
        }
        positions[i] = file.getLong(indexOffset + id / blockSize * 8);
      }
      // The first byte of each block (its first name's length, or the start of it) brings the
      // blocks into the cache together.
      for (int i = 0; i < k; i++) {
        heads[i] = file.window(positions[i]).get(MappedFile.offset(positions[i]));
      }
      for (int i = 0; i < k; i++) {
        long position = positions[i];
        int steps = (int) (ids[from + i] % blockSize);
        ByteBuffer window = file.window(position);
        int offset = MappedFile.offset(position);
        int copied = Math.min(SPAN, window.limit() - offset);
        window.get(offset, span, 0, copied);
        byte[] found = decode(span, copied, steps, name);
        if (found == null) {
          // A block whose names run past the copied span: read it from the mapping.
          Cursor cursor = new Cursor(position, heads[i]);
          for (int j = steps; j > 0; j--) {
            cursor.next();
          }
          found = Arrays.copyOf(cursor.name, cursor.length);
        }
        out[from + i] = found;
      }
    }
    return out;
  }

  /**
   * The name {@code steps} after the first of the block whose first {@code length} bytes are in
   * {@code span}, decoded in {@code name}; null when it lies beyond those bytes.
   */
  private static byte[] decode(byte[] span, int length, int steps, byte[] name) {
    int at = 0;
    int nameLength = 0;
    for (int step = 0; step <= steps; step++) {
      int common = 0;
      if (step > 0) {
        int value = 0;
        int shift = 0;
        byte b;
        do {
          if (at >= length) {
            return null;
          }
          b = span[at++];
          value |= (b & 0x7f) << shift;
          shift += 7;
        } while (b < 0);
        common = value;
      }
      int value = 0;
      int shift = 0;
      byte b;
      do {
        if (at >= length) {
          return null;
        }
        b = span[at++];
        value |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      int suffix = value;
      if (at + suffix > length || common + suffix > name.length) {
        return null;
      }
      System.arraycopy(span, at, name, common, suffix);
      at += suffix;
      nameLength = common + suffix;
    }
    return Arrays.copyOf(name, nameLength);
  }

  public String getString(long id) {
    return new String(get(id), StandardCharsets.US_ASCII);
  }

  /** The original id of {@code name}, or -1. */
  public long find(byte[] name) {
    long at = lowerBound(name);
    return at < count && Arrays.equals(get(at), name) ? at : -1;
  }

  /**
   * The first id whose name is not smaller than {@code key} (unsigned bytes); {@code size()} if
   * none.
   */
  public long lowerBound(byte[] key) {
    // The last block whose first name is smaller than the key holds the answer, or its end does.
    long lo = 0;
    long hi = blocks;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (compareFirst(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0) {
      return 0;
    }
    long block = lo - 1;
    Cursor cursor = new Cursor(block);
    long id = block * blockSize;
    long end = Math.min(count, id + blockSize);
    while (Arrays.compareUnsigned(cursor.name, 0, cursor.length, key, 0, key.length) < 0) {
      id++;
      if (id == end) {
        return id;
      }
      cursor.next();
    }
    return id;
  }

  /**
   * Where {@code name} and every name below it ({@code com.example}, {@code com.example.blog}) sit:
   * the name itself, if present, and the contiguous run of names that start with {@code name +
   * "."}.
   */
  public Subtree subtree(byte[] name) {
    byte[] dotted = Arrays.copyOf(name, name.length + 1);
    dotted[name.length] = '.';
    long from = lowerBound(dotted);
    dotted[name.length] = '.' + 1;
    long to = lowerBound(dotted);
    return new Subtree(find(name), from, to);
  }

  /** A name's own id (-1 when absent) and the ids {@code [from, to)} of the names below it. */
  public record Subtree(long exact, long from, long to) {}

  private int compareFirst(long block, byte[] key) {
    long position = file.getLong(indexOffset + block * 8);
    ByteBuffer window = file.window(position);
    int at = MappedFile.offset(position);
    int[] varint = new int[1];
    at = readVarint(window, at, varint);
    int length = varint[0];
    int n = Math.min(length, key.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(window.get(at + i) & 0xff, key[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(length, key.length);
  }

  private static int readVarint(ByteBuffer buffer, int at, int[] out) {
    int value = 0;
    int shift = 0;
    byte b;
    do {
      b = buffer.get(at++);
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    out[0] = value;
    return at;
  }

  /** Decodes the names of one block in order. */
  private final class Cursor {
    private final ByteBuffer window;
    private final int[] varint = new int[1];
    private int at;
    byte[] name = new byte[64];
    int length;

    Cursor(long block) {
      this(file.getLong(indexOffset + block * 8), (byte) -1);
    }

    /** A cursor on the block at {@code position}, whose first byte may already be known. */
    Cursor(long position, byte head) {
      window = file.window(position);
      at = MappedFile.offset(position);
      if (head >= 0) {
        length = head;
        at++;
      } else {
        at = readVarint(window, at, varint);
        length = varint[0];
      }
      ensure(length);
      window.get(at, name, 0, length);
      at += length;
    }

    void next() {
      at = readVarint(window, at, varint);
      int common = varint[0];
      at = readVarint(window, at, varint);
      int suffix = varint[0];
      ensure(common + suffix);
      window.get(at, name, common, suffix);
      at += suffix;
      length = common + suffix;
    }

    private void ensure(int capacity) {
      if (name.length < capacity) {
        name = Arrays.copyOf(name, Math.max(capacity, name.length * 2));
      }
    }
  }

  /** Writes a name table from names given in strictly increasing order. */
  public static final class Writer implements AutoCloseable {
    private final Path path;
    private final DataOutputStream out;
    private final int blockSize;
    private long[] starts = new long[1024];
    private long count;
    private long written = HEADER;
    private byte[] previous = new byte[0];

    public Writer(Path path, int blockSize) throws IOException {
      this.path = path;
      this.blockSize = blockSize;
      OutputStream raw = Files.newOutputStream(path);
      this.out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
      out.write(new byte[HEADER]);
    }

    /**
     * Appends the next name.
     *
     * @throws IllegalArgumentException when it does not sort strictly after the previous one
     */
    public void add(byte[] name, int length) throws IOException {
      if (length == 0 || length > MAX_NAME) {
        throw new IllegalArgumentException(
            "a vertex name must have 1 to " + MAX_NAME + " bytes, not " + length);
      }
      if (count > 0 && Arrays.compareUnsigned(previous, 0, previous.length, name, 0, length) >= 0) {
        throw new IllegalArgumentException(
            "vertex names must be in strictly increasing byte order, as Common Crawl writes them;"
                + " '"
                + new String(name, 0, length, StandardCharsets.US_ASCII)
                + "' comes after '"
                + new String(previous, StandardCharsets.US_ASCII)
                + "'");
      }
      if (count % blockSize == 0) {
        long block = count / blockSize;
        if (block == starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[(int) block] = written;
        writeVarint(length);
        out.write(name, 0, length);
        written += length;
      } else {
        int common = Arrays.mismatch(previous, 0, previous.length, name, 0, length);
        if (common < 0) {
          common = length;
        }
        writeVarint(common);
        writeVarint(length - common);
        out.write(name, common, length - common);
        written += length - common;
      }
      previous = Arrays.copyOf(name, length);
      count++;
    }

    public long count() {
      return count;
    }

    private void writeVarint(int value) throws IOException {
      while ((value & ~0x7f) != 0) {
        out.write((value & 0x7f) | 0x80);
        value >>>= 7;
        written++;
      }
      out.write(value);
      written++;
    }

    @Override
    public void close() throws IOException {
      long blocks = (count + blockSize - 1) / blockSize;
      long indexOffset = written;
      for (long b = 0; b < blocks; b++) {
        out.writeLong(starts[(int) b]);
      }
      out.close();
      try (RandomAccessFile header = new RandomAccessFile(path.toFile(), "rw")) {
        header.write(MAGIC);
        header.writeLong(count);
        header.writeInt(blockSize);
        header.writeLong(blocks);
        header.writeLong(indexOffset);
      }
    }
  }
}
