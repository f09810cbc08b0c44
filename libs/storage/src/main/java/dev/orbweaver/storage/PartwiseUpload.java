package dev.orbweaver.storage;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The buffering every store's {@link ObjectUpload} shares: bytes collect until they exceed one
 * part, then exactly one part is sent and the rest kept, so that the last part is never empty and
 * every part but the last has the store's required size (S3: at least 5 MiB; GCS: a multiple of 256
 * KiB). An object that never outgrows one part is written with one plain put.
 */
public abstract class PartwiseUpload implements ObjectUpload {

  private final int partSize;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private long size;
  private int partsSent;
  private State state = State.OPEN;

  private enum State {
    OPEN,
    COMPLETED,
    ABORTED
  }

  protected PartwiseUpload(int partSize) {
    if (partSize <= 0) {
      throw new IllegalArgumentException("partSize must be positive");
    }
    this.partSize = partSize;
  }

  /** Writes the whole object at once (it never outgrew one part). */
  protected abstract void putWhole(byte[] content);

  /** Sends one part; {@code number} counts from 1, {@code offset} is its first byte's position. */
  protected abstract void sendPart(int number, long offset, byte[] part, boolean last);

  /** Makes the object visible after the last part was sent. */
  protected abstract void finish(long totalSize);

  /** Drops the parts sent so far; called at most once, and only after a part was sent. */
  protected abstract void dropParts();

  @Override
  public void write(byte[] bytes) {
    requireOpen();
    buffer.writeBytes(bytes);
    size += bytes.length;
    while (buffer.size() > partSize) {
      byte[] all = buffer.toByteArray();
      buffer.reset();
      buffer.write(all, partSize, all.length - partSize);
      partsSent++;
      sendPart(partsSent, (long) (partsSent - 1) * partSize, Arrays.copyOf(all, partSize), false);
    }
  }

  @Override
  public void complete() {
    requireOpen();
    byte[] rest = buffer.toByteArray();
    buffer.reset();
    try {
      if (partsSent == 0) {
        putWhole(rest);
      } else {
        partsSent++;
        sendPart(partsSent, (long) (partsSent - 1) * partSize, rest, true);
        finish(size);
      }
      state = State.COMPLETED;
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  @Override
  public void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    buffer.reset();
    if (partsSent > 0) {
      dropParts();
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void close() {
    abort();
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("the upload is " + state.name().toLowerCase());
    }
  }
}
