package dev.orbweaver.scrape.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat-completions server on loopback: it answers {@code POST
 * /v1/chat/completions} with the replies a test queued (or {@code {}}), and records every request
 * with its Authorization header. Configured as the operator's LLM.
 */
public class FakeLlm implements QuarkusTestResourceLifecycleManager {
  public static final String SERVER_KEY = "sk-server-configured-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile FakeLlm running;

  private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** A request the fake received. */
  public record Call(String authorization, JsonNode body) {
    public String lastUserMessage() {
      JsonNode messages = body.get("messages");
      for (int i = messages.size() - 1; i >= 0; i--) {
        if (messages.get(i).get("role").asText().equals("user")) {
          return messages.get(i).get("content").asText();
        }
      }
      return null;
    }
  }

  private record Reply(int status, String body) {}

  public static FakeLlm get() {
    return running;
  }

  /** The next completion answers with this message content. */
  public FakeLlm answer(String content) {
    replies.add(completion(content));
    return this;
  }

  private static Reply completion(String content) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-test").put("object", "chat.completion");
    body.putArray("choices")
        .addObject()
        .put("index", 0)
        .put("finish_reason", "stop")
        .putObject("message")
        .put("role", "assistant")
        .put("content", content);
    return new Reply(200, body.toString());
  }

  /** The next completion fails with this status and provider error message. */
  public FakeLlm fail(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    replies.add(new Reply(status, body.toString()));
    return this;
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  public void reset() {
    replies.clear();
    calls.clear();
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      server.createContext("/v1/chat/completions", this::serve);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running = this;
    return Map.of(
        "orbweaver.scrape.llm.base-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "orbweaver.scrape.llm.api-key",
        SERVER_KEY,
        "orbweaver.scrape.llm.model",
        "test-model");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    running = null;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      calls.add(new Call(exchange.getRequestHeaders().getFirst("Authorization"), body));
      Reply reply = replies.poll();
      if (reply == null) {
        reply = completion("{}");
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
