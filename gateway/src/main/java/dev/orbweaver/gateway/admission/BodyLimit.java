package dev.orbweaver.gateway.admission;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Counts a request body that streams to a service against its route's limit. Once the count passes
 * the limit the stream fails, so the forward is reset before the service has a whole body to act
 * on, and the pipeline refuses the call; what the client still sends is dropped.
 */
public final class BodyLimit {
  private final long max;
  private final Runnable onExceeded;
  private long received;
  private boolean exceeded;

  BodyLimit(long max, Runnable onExceeded) {
    this.max = max;
    this.onExceeded = onExceeded;
  }

  /** Whether the body passed the limit. */
  public boolean exceeded() {
    return exceeded;
  }

  /** The body as the service should read it: failing as soon as it passes the limit. */
  public ReadStream<Buffer> watch(ReadStream<Buffer> body) {
    return new Watched(body);
  }

  /** Thrown into the body's pipe when the body passes the limit. */
  public static final class TooLarge extends RuntimeException {
    TooLarge(long max) {
      super("request body over " + max + " bytes", null, false, false);
    }
  }

  private final class Watched implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;

    Watched(ReadStream<Buffer> source) {
      this.source = source;
    }

    private void chunk(Buffer chunk) {
      if (exceeded) {
        return;
      }
      received += chunk.length();
      if (received > max) {
        exceeded = true;
        Handler<Throwable> failed = exceptionHandler;
        if (failed != null) {
          failed.handle(new TooLarge(max));
        }
        onExceeded.run();
        return;
      }
      Handler<Buffer> next = handler;
      if (next != null) {
        next.handle(chunk);
      }
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      this.handler = handler;
      source.handler(handler == null ? null : this::chunk);
      return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      source.exceptionHandler(handler);
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
      this.endHandler = handler;
      source.endHandler(
          handler == null
              ? null
              : end -> {
                if (!exceeded && endHandler != null) {
                  endHandler.handle(null);
                }
              });
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      source.pause();
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      source.resume();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      source.fetch(amount);
      return this;
    }
  }
}
