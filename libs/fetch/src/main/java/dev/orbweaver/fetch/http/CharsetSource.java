package dev.orbweaver.fetch.http;

/** Where a body's character encoding came from, in the order they are consulted. */
public enum CharsetSource {
  /** A byte-order mark, which wins over everything (as in browsers). */
  BOM,
  /** The charset parameter of Content-Type. */
  HEADER,
  /**
   * A {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} in the first 1024 bytes.
   */
  META,
  /** An XML declaration's encoding. */
  XML_DECLARATION,
  /** Nothing said: UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise. */
  DEFAULT
}
