package dev.orbweaver.graph.store;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What an answer lists about each domain, in store order: its name written forwards ({@code
 * example.com}), {@code num_hosts} and PageRank position, memory-mapped. A top-1000 answer reads a
 * thousand domains scattered over the release, and what it costs is one page walk and cache miss
 * per place it reads: here a domain is one place, where the front-coded {@link NameTable} and the
 * {@link VertexTable} take four (vertex record, block index, block, and a flip of the name).
 *
 * <p>Records go in blocks of {@value #BLOCK}; a block's start is found in a small index held on the
 * heap (one int per block: a quarter of a byte per domain), a record within it in the table of
 * record starts at the block's head (a short each; a block is at most about 16 KB), on the same
 * page. Record: name length (one byte, or a varint from 128 on), the name, {@code num_hosts} and
 * the PageRank position (0: unranked) as varints.
 *
 * <p>Layout: a 32-byte header ({@code OWLIST01}, count, block size, index offset), the blocks, then
 * the index: per chunk of 2^16 blocks its start as a long, then one offset per block, relative to
 * its chunk's start, as an int (a chunk holds at most 2^20 names of at most 1,024 bytes).
 */
public final class DomainListing {
  static final byte[] MAGIC = "OWLIST01".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = 32;
  static final int BLOCK = 16;
  static final int CHUNK_SHIFT = 16;

  /** Domains read together by {@link #getAll}: their page walks overlap. */
  private static final int BATCH = 64;

  /** The longest record: a name of {@link NameTable#MAX_NAME} bytes and three varints. */
  private static final int MAX_RECORD = NameTable.MAX_NAME + 2 + 5 + 5;

  /** A block's table of where its records start: a short each, relative to the block. */
  private static final int BLOCK_TABLE = 2 * BLOCK;

  private final MappedFile file;
  private final int count;
  private final long[] chunkStarts;
  private final int[] blockOffsets;

  /** Where {@link #getAll}'s touches go, so that the compiler keeps them. */
  @SuppressWarnings("unused")
  private int touched;

  private DomainListing(MappedFile file, int count, long[] chunkStarts, int[] blockOffsets) {
    this.file = file;
    this.count = count;
    this.chunkStarts = chunkStarts;
    this.blockOffsets = blockOffsets;
  }

  public static DomainListing open(Path path) throws IOException {
    MappedFile file = MappedFile.map(path, BLOCK_TABLE + BLOCK * MAX_RECORD);
    if (file.size() < HEADER) {
      throw new IOException(path + " is not a domain listing");
    }
    ByteBuffer header = file.window(0);
    byte[] magic = new byte[MAGIC.length];
    header.get(0, magic);
    long count = header.getLong(8);
    int blockSize = header.getInt(16);
    long indexAt = header.getLong(20);
    if (!Arrays.equals(magic, MAGIC)
        || blockSize != BLOCK
        || count < 0
        || count >= Integer.MAX_VALUE
        || indexAt < HEADER
        || indexAt > file.size()) {
      throw new IOException(path + " is not a domain listing");
    }
    int blocks = blocks(count);
    int chunks = chunks(blocks);
    if (indexAt + 8L * chunks + 4L * blocks != file.size()) {
      throw new IOException(path + " is truncated");
    }
    long[] chunkStarts = new long[chunks];
    for (int c = 0; c < chunks; c++) {
      chunkStarts[c] = file.getLong(indexAt + 8L * c);
    }
    int[] offsets = new int[blocks];
    for (int b = 0; b < blocks; b++) {
      offsets[b] = file.getInt(indexAt + 8L * chunks + 4L * b);
    }
    return new DomainListing(file, (int) count, chunkStarts, offsets);
  }

  private static int blocks(long count) {
    return (int) ((count + BLOCK - 1) / BLOCK);
  }

  private static int chunks(int blocks) {
    return (blocks >>> CHUNK_SHIFT) + 1;
  }

  public int size() {
    return count;
  }

  private long blockStart(int block) {
    return chunkStarts[block >>> CHUNK_SHIFT] + Integer.toUnsignedLong(blockOffsets[block]);
  }

  /**
   * Where record {@code index} of the block at {@code blockStart} starts, from the block's table.
   */
  private long recordStart(long blockStart, int index) {
    return blockStart + Short.toUnsignedInt(file.getShort(blockStart + 2L * index));
  }

  /**
   * The listing of store ids {@code vertices[from, to)} into the same positions of {@code names},
   * {@code numHosts} and {@code pageRankPositions}.
   */
  public void getAll(
      int[] vertices, int from, int to, String[] names, int[] numHosts, int[] pageRankPositions) {
    long[] starts = new long[BATCH];
    Reader reader = new Reader();
    for (int at = from; at < to; at += BATCH) {
      int k = Math.min(BATCH, to - at);
      for (int i = 0; i < k; i++) {
        int vertex = vertices[at + i];
        if (vertex < 0 || vertex >= count) {
          throw new IndexOutOfBoundsException(vertex);
        }
        starts[i] = blockStart(vertex / BLOCK);
      }
      // Each step over the whole batch before the next, so that the batch's page walks and cache
      // misses overlap: where each record starts, then a byte of each record, then the records.
      for (int i = 0; i < k; i++) {
        starts[i] = recordStart(starts[i], vertices[at + i] % BLOCK);
      }
      int touched = 0;
      for (int i = 0; i < k; i++) {
        touched += file.getByte(starts[i]);
      }
      this.touched = touched;
      for (int i = 0; i < k; i++) {
        reader.seek(starts[i]);
        names[at + i] = reader.name();
        numHosts[at + i] = reader.varint();
        pageRankPositions[at + i] = reader.varint();
      }
    }
  }

  /** The name of one store id. */
  public String name(int vertex) {
    if (vertex < 0 || vertex >= count) {
      throw new IndexOutOfBoundsException(vertex);
    }
    Reader reader = new Reader();
    reader.seek(recordStart(blockStart(vertex / BLOCK), vertex % BLOCK));
    return reader.name();
  }

  /** Reads records where they are mapped. */
  private final class Reader {
    private final byte[] scratch = new byte[NameTable.MAX_NAME];
    private ByteBuffer window;
    private int at;

    /** Positions the reader on the record at {@code position}. */
    void seek(long position) {
      window = file.window(position);
      at = MappedFile.offset(position);
    }

    String name() {
      int length = varint();
      window.get(at, scratch, 0, length);
      at += length;
      return new String(scratch, 0, length, StandardCharsets.US_ASCII);
    }

    int varint() {
      int value = 0;
      int shift = 0;
      byte b;
      do {
        b = window.get(at++);
        value |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      return value;
    }
  }

  /** Writes a listing from domains given in store order. */
  public static final class Writer implements AutoCloseable {
    private final Path path;
    private final int count;
    private final DataOutputStream out;
    private final long[] blockStarts;
    private final int[] recordStarts = new int[BLOCK];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(BLOCK * 64);
    private long written = HEADER;
    private int added;

    public Writer(Path path, int count) throws IOException {
      this.path = path;
      this.count = count;
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
      this.blockStarts = new long[blocks(count)];
      out.write(new byte[HEADER]);
    }

    /** Appends the next store id: its name forwards (ASCII), num_hosts, PageRank position. */
    public void add(byte[] name, int length, int numHosts, int pageRankPosition)
        throws IOException {
      if (added == count) {
        throw new IllegalStateException("all " + count + " domains are written");
      }
      if (length < 1 || length > NameTable.MAX_NAME) {
        throw new IllegalArgumentException("a name of " + length + " bytes");
      }
      recordStarts[added % BLOCK] = BLOCK_TABLE + pending.size();
      writeVarint(length);
      pending.write(name, 0, length);
      writeVarint(numHosts);
      writeVarint(pageRankPosition);
      added++;
      if (added % BLOCK == 0 || added == count) {
        flushBlock();
      }
    }

    private void flushBlock() throws IOException {
      blockStarts[(added - 1) / BLOCK] = written;
      for (int start : recordStarts) {
        out.writeShort(start);
      }
      pending.writeTo(out);
      written += BLOCK_TABLE + pending.size();
      pending.reset();
      Arrays.fill(recordStarts, 0);
    }

    private void writeVarint(int value) {
      while ((value & ~0x7f) != 0) {
        pending.write((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      pending.write(value);
    }

    @Override
    public void close() throws IOException {
      if (added != count) {
        out.close();
        throw new IllegalStateException(added + " of " + count + " domains were written");
      }
      long indexAt = written;
      int blocks = blockStarts.length;
      int chunks = chunks(blocks);
      long[] chunkStarts = new long[chunks];
      for (int b = 0; b < blocks; b += 1 << CHUNK_SHIFT) {
        chunkStarts[b >>> CHUNK_SHIFT] = blockStarts[b];
      }
      for (long start : chunkStarts) {
        out.writeLong(start);
      }
      for (int b = 0; b < blocks; b++) {
        out.writeInt((int) (blockStarts[b] - chunkStarts[b >>> CHUNK_SHIFT]));
      }
      out.close();
      try (var header = new java.io.RandomAccessFile(path.toFile(), "rw")) {
        header.write(MAGIC);
        header.writeLong(count);
        header.writeInt(BLOCK);
        header.writeLong(indexAt);
      }
    }
  }
}
