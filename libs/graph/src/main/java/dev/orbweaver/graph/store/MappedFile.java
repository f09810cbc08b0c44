package dev.orbweaver.graph.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file mapped in windows of at most 1 GiB (a {@link ByteBuffer} holds 2 GiB at most).
 * Consecutive windows overlap by {@code overlap} bytes, so that any record shorter than that which
 * starts in a window can be read from that window alone.
 */
final class MappedFile {
  static final int WINDOW = 1 << 30;

  private final MappedByteBuffer[] windows;
  private final long size;

  private MappedFile(MappedByteBuffer[] windows, long size) {
    this.windows = windows;
    this.size = size;
  }

  static MappedFile map(Path file, int overlap) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int count = (int) Math.max(1, (size + WINDOW - 1) / WINDOW);
      MappedByteBuffer[] windows = new MappedByteBuffer[count];
      for (int i = 0; i < count; i++) {
        long start = (long) i * WINDOW;
        long length = Math.min(size - start, (long) WINDOW + overlap);
        windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, length));
      }
      return new MappedFile(windows, size);
    }
  }

  long size() {
    return size;
  }

  /** The window that holds {@code position}; read it at {@link #offset(long)}. */
  ByteBuffer window(long position) {
    return windows[(int) (position / WINDOW)];
  }

  static int offset(long position) {
    return (int) (position % WINDOW);
  }

  int getInt(long position) {
    return window(position).getInt(offset(position));
  }

  /** Copies {@code length} bytes from {@code position} on, across windows, into {@code out}. */
  void get(long position, byte[] out, int length) {
    int done = 0;
    while (done < length) {
      long at = position + done;
      int offset = offset(at);
      int n = Math.min(length - done, WINDOW - offset);
      window(at).get(offset, out, done, n);
      done += n;
    }
  }

  short getShort(long position) {
    return window(position).getShort(offset(position));
  }

  byte getByte(long position) {
    return window(position).get(offset(position));
  }

  long getLong(long position) {
    return window(position).getLong(offset(position));
  }
}
