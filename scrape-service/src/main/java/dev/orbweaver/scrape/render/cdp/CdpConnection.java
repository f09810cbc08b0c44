package dev.orbweaver.scrape.render.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One WebSocket to a browser's DevTools endpoint, speaking the Chrome DevTools Protocol with flat
 * sessions: commands carry an id (and a session id for a page), answers complete the matching
 * future, events go to the listener registered for their session. Thread-safe; commands are
 * blocking calls with a timeout, meant for virtual threads.
 */
public final class CdpConnection implements AutoCloseable {
  private static final String BROWSER = "";

  private final ObjectMapper json;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<CdpEvent>> listeners = new ConcurrentHashMap<>();
  private final ReentrantLock sendLock = new ReentrantLock();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private CompletableFuture<WebSocket> lastSend;

  private CdpConnection(ObjectMapper json, WebSocket socket) {
    this.json = json;
    this.socket = socket;
    this.lastSend = CompletableFuture.completedFuture(socket);
  }

  /** Connects to a {@code ws://127.0.0.1:port/devtools/browser/…} endpoint. */
  public static CdpConnection open(URI endpoint, ObjectMapper json, Duration timeout)
      throws IOException {
    Receiver receiver = new Receiver();
    try {
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(endpoint, receiver)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      CdpConnection connection = new CdpConnection(json, socket);
      receiver.connection = connection;
      return connection;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted connecting to " + endpoint);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
    }
  }

  public ObjectNode params() {
    return json.createObjectNode();
  }

  /** A browser-level command. */
  public JsonNode send(String method, ObjectNode params, Duration timeout) throws CdpException {
    return send(BROWSER, method, params, timeout);
  }

  /** A command in a page's session; blocks until the answer, an error, or the timeout. */
  public JsonNode send(String session, String method, ObjectNode params, Duration timeout)
      throws CdpException {
    CompletableFuture<JsonNode> answer = sendAsync(session, method, params);
    try {
      return answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new CdpTimeoutException(method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdpException(method + " interrupted", false);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CdpException cdp) {
        throw new CdpException(method + ": " + cdp.getMessage(), cdp.connectionLost());
      }
      throw new CdpException(method + ": " + e.getCause(), false);
    }
  }

  /** Sends without waiting; the future completes with the result or a {@link CdpException}. */
  public CompletableFuture<JsonNode> sendAsync(String session, String method, ObjectNode params) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    if (closed.isDone()) {
      answer.completeExceptionally(new CdpException("connection closed: " + closed.join(), true));
      return answer;
    }
    pending.put(id, answer);
    answer.whenComplete((r, e) -> pending.remove(id));
    ObjectNode message = json.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? json.createObjectNode() : params);
    if (!session.isEmpty()) {
      message.put("sessionId", session);
    }
    String text = message.toString();
    sendLock.lock();
    try {
      // One message in flight at a time: the JDK WebSocket refuses overlapping sends.
      lastSend = lastSend.thenCompose(ws -> ws.sendText(text, true));
      lastSend.whenComplete(
          (ws, e) -> {
            if (e != null) {
              answer.completeExceptionally(new CdpException("send failed: " + e, true));
            }
          });
    } finally {
      sendLock.unlock();
    }
    return answer;
  }

  /** Routes a session's events to the listener (called on the connection's reader thread). */
  public void listen(String session, Consumer<CdpEvent> listener) {
    listeners.put(session, listener);
  }

  public void forget(String session) {
    listeners.remove(session);
  }

  public boolean isOpen() {
    return !closed.isDone();
  }

  /** Completes with the reason when the connection closes. */
  public CompletableFuture<String> closed() {
    return closed;
  }

  @Override
  public void close() {
    socket.abort();
    lost("closed by Orbweaver");
  }

  private void lost(String reason) {
    if (closed.complete(reason)) {
      CdpException gone = new CdpException("connection closed: " + reason, true);
      pending.values().forEach(f -> f.completeExceptionally(gone));
    }
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (IOException e) {
      return;
    }
    JsonNode id = message.get("id");
    if (id != null) {
      CompletableFuture<JsonNode> answer = pending.get(id.asLong());
      if (answer == null) {
        return;
      }
      JsonNode error = message.get("error");
      if (error != null) {
        answer.completeExceptionally(new CdpException(error.path("message").asText(), false));
      } else {
        answer.complete(message.path("result"));
      }
      return;
    }
    Consumer<CdpEvent> listener = listeners.get(message.path("sessionId").asText(BROWSER));
    if (listener != null) {
      listener.accept(new CdpEvent(message.path("method").asText(), message.path("params")));
    }
  }

  /** Joins fragmented text frames into messages and hands them to the connection. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile CdpConnection connection;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        CdpConnection c = connection;
        if (c != null) {
          c.dispatch(message);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      CdpConnection c = connection;
      if (c != null) {
        c.lost("closed by the browser (" + statusCode + ")");
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      CdpConnection c = connection;
      if (c != null) {
        c.lost(String.valueOf(error));
      }
    }
  }
}
