package dev.orbweaver.scrape.llm;

import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the LLM for a request: the caller's key with the provider they name (each provider's
 * OpenAI-compatible endpoint), else the operator's configured endpoint, else none (the
 * deterministic path). A caller cannot name an arbitrary URL, so a request can never aim the
 * service at an address of the caller's choosing.
 */
@ApplicationScoped
public class LlmProviders {
  /** Provider → its OpenAI-compatible base URL and a sensible default model. */
  static final Map<String, Provider> KNOWN =
      Map.of(
          "openai", new Provider("https://api.openai.com/v1", "gpt-4o-mini"),
          "anthropic", new Provider("https://api.anthropic.com/v1", "claude-3-5-haiku-latest"),
          "openrouter", new Provider("https://openrouter.ai/api/v1", "openai/gpt-4o-mini"),
          "groq", new Provider("https://api.groq.com/openai/v1", "llama-3.1-8b-instant"),
          "mistral", new Provider("https://api.mistral.ai/v1", "mistral-small-latest"),
          "deepseek", new Provider("https://api.deepseek.com/v1", "deepseek-chat"),
          "together",
              new Provider(
                  "https://api.together.xyz/v1", "meta-llama/Llama-3.3-70B-Instruct-Turbo"),
          "gemini",
              new Provider(
                  "https://generativelanguage.googleapis.com/v1beta/openai", "gemini-2.0-flash"));

  record Provider(String baseUrl, String defaultModel) {}

  private final ScrapeConfig.Llm config;

  @Inject
  public LlmProviders(ScrapeConfig config) {
    this.config = config.llm();
  }

  /** Checks the request's credentials before any work starts (an unknown provider is a 400). */
  public LlmCredentials check(LlmCredentials request) {
    resolve(request);
    return request;
  }

  /**
   * The endpoint to use, or empty when neither the request nor the server has an LLM.
   *
   * @throws dev.orbweaver.common.error.ApiException 400 naming {@code llmProvider} when unknown
   */
  public Optional<LlmEndpoint> resolve(LlmCredentials request) {
    Provider named = null;
    if (request.provider() != null) {
      named = KNOWN.get(request.provider().toLowerCase(Locale.ROOT));
      if (named == null) {
        throw Require.invalid(
            "llmProvider",
            "'"
                + request.provider()
                + "' is not one of "
                + String.join(", ", KNOWN.keySet().stream().sorted().toList()));
      }
    }
    Optional<String> serverUrl = config.baseUrl().filter(s -> !s.isBlank());
    if (request.apiKey() != null) {
      if (named != null) {
        return Optional.of(
            new LlmEndpoint(
                named.baseUrl(),
                request.apiKey(),
                orElse(request.model(), named.defaultModel()),
                "request"));
      }
      if (serverUrl.isPresent()) {
        return Optional.of(
            new LlmEndpoint(
                trim(serverUrl.get()),
                request.apiKey(),
                orElse(request.model(), config.model()),
                "request"));
      }
      Provider openai = KNOWN.get("openai");
      return Optional.of(
          new LlmEndpoint(
              openai.baseUrl(),
              request.apiKey(),
              orElse(request.model(), openai.defaultModel()),
              "request"));
    }
    if (serverUrl.isPresent()) {
      return Optional.of(
          new LlmEndpoint(
              trim(serverUrl.get()),
              config.apiKey().filter(s -> !s.isBlank()).orElse(null),
              orElse(request.model(), config.model()),
              "server"));
    }
    return Optional.empty();
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
