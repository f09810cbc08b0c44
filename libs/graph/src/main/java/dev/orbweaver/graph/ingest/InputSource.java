package dev.orbweaver.graph.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * One input file of a release: a local path or an http(s) URL, plain or gzipped (recognized by its
 * magic bytes, not its name), always streamed. Counts the bytes it reads so that a progress bar can
 * show how much of the (compressed) file is done.
 */
public final class InputSource {
  private final String location;

  private InputSource(String location) {
    this.location = location;
  }

  public static InputSource of(String pathOrUrl) {
    if (pathOrUrl == null || pathOrUrl.isBlank()) {
      throw new IllegalArgumentException("an input file is required");
    }
    return new InputSource(pathOrUrl.strip());
  }

  /** How messages name it: the path or URL as given. */
  public String name() {
    return location;
  }

  public boolean isRemote() {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  /** Opens the decompressed content; {@link Opened#rawBytes()} tells how much was read. */
  public Opened open() throws IOException {
    long size;
    InputStream raw;
    if (isRemote()) {
      HttpClient client =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      HttpResponse<InputStream> response;
      try {
        response =
            client.send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching " + location, e);
      }
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IngestException(location, 0, "answered HTTP " + response.statusCode());
      }
      size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      raw = response.body();
    } else {
      Path path = Path.of(location);
      if (!Files.isRegularFile(path)) {
        throw new IngestException(location, 0, "no such file");
      }
      size = Files.size(path);
      raw = Files.newInputStream(path);
    }
    Counting counting = new Counting(raw);
    BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream content =
        b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    return new Opened(content, counting, size);
  }

  /** An open input: its decompressed content, and its size and progress in raw bytes. */
  public static final class Opened implements AutoCloseable {
    private final InputStream content;
    private final Counting counting;
    private final long size;

    Opened(InputStream content, Counting counting, long size) {
      this.content = content;
      this.counting = counting;
      this.size = size;
    }

    public InputStream content() {
      return content;
    }

    /** Raw (possibly compressed) bytes read so far. */
    public long rawBytes() {
      return counting.count;
    }

    /** Raw size, -1 when the server did not say. */
    public long size() {
      return size;
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
