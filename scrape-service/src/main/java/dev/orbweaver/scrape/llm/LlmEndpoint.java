package dev.orbweaver.scrape.llm;

/**
 * Where a completion goes: an OpenAI-compatible chat-completions API.
 *
 * @param baseUrl the API base ({@code …/v1}); {@code /chat/completions} is appended
 * @param apiKey the bearer key, or null for endpoints that need none (a local model server)
 * @param model the model asked for
 * @param source {@code request} when the caller brought the key, {@code server} for the operator's
 */
public record LlmEndpoint(String baseUrl, String apiKey, String model, String source) {
  @Override
  public String toString() {
    return "LlmEndpoint[" + baseUrl + ", model=" + model + ", source=" + source + "]";
  }
}
