package dev.orbweaver.graph.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzipped text file written from numbers and ASCII without intermediate Strings. The gzip header
 * carries no time stamp, so the same content gives the same bytes.
 */
final class TextOut implements AutoCloseable {
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private final byte[] digits = new byte[20];
  private int used;

  TextOut(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    // Fastest level: synthetic releases are rewritten often and read once per ingest.
    this.out =
        new GZIPOutputStream(raw, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
  }

  TextOut number(long value) throws IOException {
    if (value < 0) {
      ascii("-");
      value = -value;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    ensure(n);
    while (n > 0) {
      buffer[used++] = digits[--n];
    }
    return this;
  }

  TextOut ascii(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, used, bytes.length);
    used += bytes.length;
    return this;
  }

  TextOut tab() throws IOException {
    return character('\t');
  }

  TextOut newline() throws IOException {
    return character('\n');
  }

  private TextOut character(char c) throws IOException {
    ensure(1);
    buffer[used++] = (byte) c;
    return this;
  }

  private void ensure(int n) throws IOException {
    if (used + n > buffer.length) {
      out.write(buffer, 0, used);
      used = 0;
    }
  }

  @Override
  public void close() throws IOException {
    out.write(buffer, 0, used);
    used = 0;
    out.close();
  }
}
