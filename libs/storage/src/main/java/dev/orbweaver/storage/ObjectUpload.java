package dev.orbweaver.storage;

/**
 * An object written piece by piece; see {@link ObjectStore#openUpload}. Closing an upload that was
 * not completed aborts it, so that no half-written parts linger in the store.
 */
public interface ObjectUpload extends AutoCloseable {

  /** Appends bytes; a full part is sent as soon as the buffer holds more than one. */
  void write(byte[] bytes);

  /** Sends what is buffered and makes the object visible under its key. */
  void complete();

  /** Drops the upload and the parts already sent. */
  void abort();

  /** Bytes written so far. */
  long size();

  @Override
  void close();
}
