package dev.orbweaver.fetch.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Reads a body off the wire and undoes its Content-Encoding (gzip, deflate, br, in any stack),
 * holding both the wire bytes and the decoded bytes to one limit so that neither a huge download
 * nor a decompression bomb gets further than the limit.
 */
public final class ContentDecoding {

  /** The body and whether it was cut at the limit. */
  public record Body(byte[] bytes, boolean truncated) {}

  /** A decoder that failed on the bytes it was given (not on the network). */
  public static final class DecodingException extends IOException {
    DecodingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The network failed under a decoder; unwrapped again before anyone sees it. */
  private static final class WireException extends IOException {
    WireException(IOException cause) {
      super(cause);
    }
  }

  private ContentDecoding() {}

  /**
   * Reads and decodes a whole body.
   *
   * @param wire the raw response body
   * @param contentEncoding the Content-Encoding header, or null
   * @param limit largest number of bytes kept, on the wire and decoded
   * @param truncate keep the first {@code limit} bytes instead of failing
   * @throws BodyTooLargeException past the limit when not truncating
   * @throws DecodingException when the bytes do not decode as the header claims
   * @throws IOException when the network fails
   */
  public static Body read(InputStream wire, String contentEncoding, long limit, boolean truncate)
      throws IOException {
    boolean encoded = contentEncoding != null && !contentEncoding.isBlank();
    // Cutting compressed bytes at the kept size would keep less than asked; when truncating, give
    // the decoder room (a stream that needs more than twice the kept size on the wire is cut
    // there).
    long wireLimit = truncate && encoded ? Math.min(Long.MAX_VALUE / 4, limit) * 2 + 65_536 : limit;
    LimitedWire limited = new LimitedWire(wire, wireLimit, truncate);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 16 * 1024));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    try (InputStream decoded = decoders(limited, contentEncoding)) {
      int n;
      while ((n = decoded.read(buffer)) != -1) {
        if (total + n > limit) {
          if (!truncate) {
            throw new BodyTooLargeException("the decoded body exceeds " + limit + " bytes");
          }
          out.write(buffer, 0, (int) (limit - total));
          return new Body(out.toByteArray(), true);
        }
        out.write(buffer, 0, n);
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // Decoders (brotli in particular) wrap what their input threw; look through the chain.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof WireException network) {
          throw (IOException) network.getCause();
        }
        if (t instanceof BodyTooLargeException tooLarge) {
          throw tooLarge;
        }
      }
      if (truncate && limited.exhausted) {
        // The wire was cut on purpose; a decoder that then ran dry keeps what it produced.
        return new Body(out.toByteArray(), true);
      }
      throw new DecodingException(
          "the body does not decode as Content-Encoding '" + contentEncoding + "' claims", e);
    }
    return new Body(out.toByteArray(), limited.exhausted);
  }

  /** Decodes a whole byte array (a .gz sitemap served without Content-Encoding). */
  public static Body decode(byte[] encoded, String contentEncoding, long limit, boolean truncate)
      throws IOException {
    return read(new java.io.ByteArrayInputStream(encoded), contentEncoding, limit, truncate);
  }

  private static InputStream decoders(InputStream wire, String contentEncoding) throws IOException {
    List<String> codings = new ArrayList<>();
    if (contentEncoding != null) {
      for (String coding : contentEncoding.split(",")) {
        String c = coding.strip().toLowerCase(Locale.ROOT);
        if (!c.isEmpty() && !c.equals("identity")) {
          codings.add(c);
        }
      }
    }
    InputStream stream = wire;
    // Codings are listed in the order they were applied, so they are undone from the last.
    for (int i = codings.size() - 1; i >= 0; i--) {
      stream =
          switch (codings.get(i)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(stream, 8192);
            case "deflate" -> deflate(stream);
            case "br" -> new BrotliInputStream(stream);
            // Unknown codings pass through, as browsers do; the media type then tells what it is.
            default -> stream;
          };
    }
    return stream;
  }

  /** "deflate" is zlib-wrapped by the RFC and raw DEFLATE by some servers; the first bytes tell. */
  private static InputStream deflate(InputStream in) throws IOException {
    PushbackInputStream pushback = new PushbackInputStream(in, 2);
    byte[] head = pushback.readNBytes(2);
    pushback.unread(head);
    boolean zlib =
        head.length == 2
            && (head[0] & 0x0F) == 8
            && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
    return new InflaterInputStream(pushback, new Inflater(!zlib), 8192);
  }

  /**
   * Counts wire bytes against the limit and marks network failures as such. Past the limit it
   * fails, or, when truncating, ends the stream there.
   */
  private static final class LimitedWire extends FilterInputStream {
    private final long limit;
    private final boolean truncate;
    private long count;
    private boolean exhausted;

    LimitedWire(InputStream in, long limit, boolean truncate) {
      super(in);
      this.limit = limit;
      this.truncate = truncate;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (truncate && count >= limit) {
        if (!exhausted && wireRead(new byte[1], 0, 1) > 0) {
          exhausted = true;
        }
        return -1;
      }
      int n = wireRead(b, off, truncate ? (int) Math.min(len, limit - count) : len);
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new BodyTooLargeException("the body on the wire exceeds " + limit + " bytes");
        }
      }
      return n;
    }

    private int wireRead(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw new WireException(e);
      }
    }
  }
}
