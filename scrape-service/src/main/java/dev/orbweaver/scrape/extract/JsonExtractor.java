package dev.orbweaver.scrape.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.extract.Page;
import dev.orbweaver.extract.profile.Profile;
import dev.orbweaver.extract.schema.SchemaExtraction;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.llm.ChatClient;
import dev.orbweaver.scrape.llm.ChatClient.Message;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmEndpoint;
import dev.orbweaver.scrape.llm.LlmProviders;
import dev.orbweaver.scrape.scrape.JsonSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The json format and extract: structured JSON matching the caller's schema. With an LLM (the
 * caller's key or the operator's endpoint) the model fills it from the page's Markdown and gets one
 * chance to repair an answer that breaks the schema; without one, libs/extract's deterministic
 * extractor fills what the page's own data supports and names what it could not. Either way the
 * result is validated against the schema and every violation is reported.
 */
@ApplicationScoped
public class JsonExtractor {
  static final String DEFAULT_SYSTEM_PROMPT =
      "You extract structured data from one web page. Answer with a single JSON object and nothing"
          + " else. Use only facts stated on the page; use null for values the page does not give.";

  private final LlmProviders providers;
  private final ChatClient chat;
  private final SchemaValidator validator;
  private final ObjectMapper json;
  private final int maxInputChars;

  @Inject
  public JsonExtractor(
      LlmProviders providers,
      ChatClient chat,
      SchemaValidator validator,
      ObjectMapper json,
      ScrapeConfig config) {
    this.providers = providers;
    this.chat = chat;
    this.validator = validator;
    this.json = json;
    this.maxInputChars = config.llm().maxInputChars();
  }

  /** Whether a request with these credentials would reach an LLM. */
  public boolean hasLlm(LlmCredentials credentials) {
    return providers.resolve(credentials).isPresent();
  }

  /**
   * @param page the parsed page, or null when the content was not HTML
   * @param markdown the page's content as Markdown (what an LLM reads)
   */
  public Extraction extract(
      Page page, String url, String markdown, JsonSpec spec, LlmCredentials credentials) {
    Optional<LlmEndpoint> llm = providers.resolve(credentials);
    if (llm.isPresent()) {
      return withLlm(llm.get(), url, markdown, spec);
    }
    return fromPage(page, spec);
  }

  private Extraction withLlm(LlmEndpoint llm, String url, String markdown, JsonSpec spec) {
    List<Message> messages = new ArrayList<>();
    messages.add(
        new Message(
            "system", spec.systemPrompt() != null ? spec.systemPrompt() : DEFAULT_SYSTEM_PROMPT));
    StringBuilder ask = new StringBuilder();
    if (spec.schema() != null) {
      ask.append("Fill this JSON Schema:\n").append(spec.schema().toString()).append("\n\n");
    }
    if (spec.prompt() != null) {
      ask.append("Instructions: ").append(spec.prompt()).append("\n\n");
    }
    String content = markdown == null ? "" : markdown;
    boolean cut = content.length() > maxInputChars;
    ask.append("Page: ")
        .append(url)
        .append("\n\n")
        .append(cut ? content.substring(0, maxInputChars) : content);
    messages.add(new Message("user", ask.toString()));

    String answer = chat.complete(llm, messages, true);
    JsonNode data = parseObject(answer);
    List<String> warnings = new ArrayList<>();
    if (cut) {
      warnings.add("The page was cut to its first " + maxInputChars + " characters for the LLM.");
    }
    if (spec.schema() != null) {
      List<String> violations =
          data == null ? List.of("not a JSON object") : validator.violations(spec.schema(), data);
      if (!violations.isEmpty()) {
        messages.add(new Message("assistant", answer));
        messages.add(
            new Message(
                "user",
                "That answer does not match the schema: "
                    + String.join("; ", violations)
                    + ". Answer with the corrected JSON object only."));
        answer = chat.complete(llm, messages, true);
        data = parseObject(answer);
        violations =
            data == null ? List.of("not a JSON object") : validator.violations(spec.schema(), data);
        if (!violations.isEmpty()) {
          warnings.add(
              "The LLM's answer does not match the schema: " + String.join("; ", violations));
        }
      }
    }
    if (data == null) {
      throw new ApiException(
          ErrorKind.BAD_GATEWAY,
          "llm_error",
          "The LLM did not answer with a JSON object.",
          Map.of());
    }
    return new Extraction(data, List.of(), "llm", warnings);
  }

  private Extraction fromPage(Page page, JsonSpec spec) {
    List<String> warnings = new ArrayList<>();
    if (page == null) {
      warnings.add(
          "No LLM is configured or given, and the content is not HTML: nothing to extract from.");
      ObjectNode empty = json.createObjectNode();
      return new Extraction(empty, List.of(), "page-data", warnings);
    }
    if (spec.schema() == null) {
      ObjectNode profile = page.profile(Profile.AUTO);
      warnings.add(
          "A prompt without a schema needs an LLM (llmApiKey, or the server's ORBWEAVER_LLM_BASE_URL);"
              + " returned the page's structured data ("
              + profile.path("profile").asText("auto")
              + " profile) instead.");
      return new Extraction(profile, List.of(), "page-data", warnings);
    }
    SchemaExtraction extraction;
    try {
      extraction = page.extract(spec.schema());
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("Invalid value for field 'schema': " + e.getMessage());
    }
    String note =
        "No LLM is configured or given: filled from the page's own data (schema.org, meta tags,"
            + " labelled fields, tables)";
    warnings.add(
        extraction.missing().isEmpty()
            ? note + "."
            : note + "; could not fill: " + String.join(", ", extraction.missing()) + ".");
    // A field left null breaks a typed schema; it is already named above, so only other
    // violations are worth reporting.
    List<String> violations =
        validator.violations(spec.schema(), extraction.data()).stream()
            .filter(v -> !isUnfilledNull(v, extraction.missing()))
            .toList();
    if (!violations.isEmpty()) {
      warnings.add("The result does not match the schema: " + String.join("; ", violations));
    }
    return new Extraction(extraction.data(), extraction.missing(), "page-data", warnings);
  }

  private static boolean isUnfilledNull(String violation, List<String> missing) {
    for (String path : missing) {
      if (violation.startsWith("$." + path + ": null found")) {
        return true;
      }
    }
    return false;
  }

  /** The JSON object in a model's answer, tolerating a Markdown code fence around it. */
  JsonNode parseObject(String answer) {
    String text = answer.strip();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return null;
    }
    try {
      JsonNode node = json.readTree(text.substring(start, end + 1));
      return node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
