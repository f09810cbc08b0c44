package dev.orbweaver.fetch.http;

import java.io.IOException;

/** A body past its limit, on the wire or after decoding. */
final class BodyTooLargeException extends IOException {

  BodyTooLargeException(String message) {
    super(message);
  }
}
