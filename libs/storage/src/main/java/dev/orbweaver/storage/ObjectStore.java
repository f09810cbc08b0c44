package dev.orbweaver.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A bucket of objects addressed by key: the platform's own store (page bodies, crawl exports) and a
 * customer's bucket (output connectors) alike. Every failure is an {@link ObjectStoreException}
 * carrying the store's own message; none carries a credential.
 */
public interface ObjectStore extends AutoCloseable {

  /** Writes (or overwrites) an object. */
  void put(String key, byte[] content, String contentType);

  /** Writes (or overwrites) an object of a known length from a stream; the stream is not closed. */
  void put(String key, InputStream content, long length, String contentType);

  /**
   * An upload written piece by piece, for objects too large to hold in memory (a crawl's JSONL):
   * the pieces are buffered into parts and sent as multipart (S3) or resumable (GCS) upload once
   * they outgrow one part; a small object becomes one plain put. Nothing is visible under the key
   * until {@link ObjectUpload#complete()}.
   */
  ObjectUpload openUpload(String key, String contentType);

  /** The object, or empty when no object has the key. */
  Optional<StoredObject> get(String key);

  /**
   * The object's content as a stream, for objects too large to hold in memory; the caller closes
   * it.
   *
   * @throws ObjectStoreException of kind {@link ObjectStoreException.Kind#NOT_FOUND} when absent
   */
  InputStream open(String key);

  /** Deletes an object; deleting an absent key is not an error. */
  void delete(String key);

  /**
   * Deletes every object whose key starts with the prefix and returns how many there were.
   *
   * @throws IllegalArgumentException for an empty prefix, which would empty the whole bucket
   */
  long deleteByPrefix(String prefix);

  /** Every object whose key starts with the prefix, in key order (all pages read). */
  List<ObjectSummary> list(String prefix);

  /**
   * A URL anyone holding it may GET the object with until it expires, with no other credential.
   *
   * @param expiry between one second and seven days (the longest a SigV4 or V4 signature lives)
   */
  URI presignedGet(String key, Duration expiry);

  /** The bucket this store writes to, for messages and logs. */
  String bucket();

  @Override
  void close();
}
