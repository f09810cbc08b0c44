package dev.orbweaver.scrape.llm;

/**
 * An LLM a caller brought with a request (bring your own key). Never stored, never logged: {@link
 * #toString()} leaves the key out, and batch jobs keep it only in memory.
 *
 * @param apiKey the provider key, or null
 * @param provider a provider name such as {@code openai}, or null
 * @param model a model name, or null
 */
public record LlmCredentials(String apiKey, String provider, String model) {
  public static final LlmCredentials NONE = new LlmCredentials(null, null, null);

  public LlmCredentials {
    apiKey = blankToNull(apiKey);
    provider = blankToNull(provider);
    model = blankToNull(model);
  }

  public boolean isEmpty() {
    return apiKey == null && provider == null && model == null;
  }

  @Override
  public String toString() {
    return "LlmCredentials[provider="
        + provider
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
