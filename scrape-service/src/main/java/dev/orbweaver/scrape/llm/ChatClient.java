package dev.orbweaver.scrape.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * OpenAI-compatible chat completions over libs/fetch (so the SSRF guard vets the provider's address
 * too). The key goes in the Authorization header only; it is scrubbed from any provider message
 * that is passed on, and it never reaches a log.
 */
@ApplicationScoped
public class ChatClient {
  private static final String USER_AGENT = "Orbweaver/0.1 (+https://orbweaver.dev)";
  private static final int MAX_PROVIDER_MESSAGE = 300;

  private final FetchClients fetch;
  private final ObjectMapper json;
  private final Duration timeout;

  @Inject
  public ChatClient(FetchClients fetch, ObjectMapper json, ScrapeConfig config) {
    this.fetch = fetch;
    this.json = json;
    this.timeout = config.llm().timeout();
  }

  /** One message of the conversation: {@code system}, {@code user} or {@code assistant}. */
  public record Message(String role, String content) {}

  /**
   * The assistant's answer.
   *
   * @param jsonObject ask for a JSON object answer ({@code response_format: json_object})
   * @throws ApiException 502 {@code llm_error} when the provider fails or answers nonsense
   */
  public String complete(LlmEndpoint endpoint, List<Message> messages, boolean jsonObject) {
    ObjectNode body = json.createObjectNode();
    body.put("model", endpoint.model());
    body.put("temperature", 0);
    ArrayNode wire = body.putArray("messages");
    for (Message message : messages) {
      wire.addObject().put("role", message.role()).put("content", message.content());
    }
    if (jsonObject) {
      body.putObject("response_format").put("type", "json_object");
    }
    FetchRequest request;
    try {
      request =
          FetchRequest.post(
                  endpoint.baseUrl() + "/chat/completions",
                  "application/json",
                  json.writeValueAsBytes(body))
              .withHeader("Accept", "application/json")
              .withUserAgent(USER_AGENT)
              .withTimeout(timeout)
              .withMaxRedirects(0);
      if (endpoint.apiKey() != null) {
        request = request.withHeader("Authorization", "Bearer " + endpoint.apiKey());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String host = URI.create(endpoint.baseUrl()).getHost();
    FetchResult result;
    try {
      result = fetch.operatorFetcher().fetch(request);
    } catch (FetchException e) {
      throw failure(
          "The LLM at " + host + " could not be reached (" + e.kind().code() + ").", endpoint);
    }
    JsonNode answer;
    try {
      answer = json.readTree(result.body());
    } catch (IOException e) {
      answer = null;
    }
    if (!result.isSuccess()) {
      String said = answer == null ? "" : answer.path("error").path("message").asText("");
      String message =
          "The LLM at "
              + host
              + " answered HTTP "
              + result.status()
              + (said.isBlank() ? "." : ": " + scrub(said, endpoint.apiKey()));
      if (result.status() == 401 || result.status() == 403) {
        message +=
            "request".equals(endpoint.source())
                ? " Check llmApiKey and llmProvider."
                : " The server's LLM key was refused.";
      }
      throw failure(message, endpoint);
    }
    JsonNode content =
        answer == null ? null : answer.path("choices").path(0).path("message").path("content");
    if (content == null || !content.isTextual()) {
      throw failure("The LLM at " + host + " answered without a message.", endpoint);
    }
    return content.asText();
  }

  private static ApiException failure(String message, LlmEndpoint endpoint) {
    return new ApiException(ErrorKind.BAD_GATEWAY, "llm_error", message, Map.of());
  }

  /** Providers sometimes quote part of a bad key back; none of it is passed on. */
  static String scrub(String text, String key) {
    String out = text;
    if (key != null && !key.isEmpty()) {
      out = out.replace(key, "***");
      if (key.length() > 8) {
        out =
            out.replace(key.substring(0, 8), "***").replace(key.substring(key.length() - 4), "***");
      }
    }
    return out.length() > MAX_PROVIDER_MESSAGE ? out.substring(0, MAX_PROVIDER_MESSAGE) + "…" : out;
  }
}
