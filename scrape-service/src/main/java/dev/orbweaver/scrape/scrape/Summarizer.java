package dev.orbweaver.scrape.scrape;

import dev.orbweaver.scrape.llm.ChatClient;
import dev.orbweaver.scrape.llm.ChatClient.Message;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmEndpoint;
import dev.orbweaver.scrape.llm.LlmProviders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code summary} format. With an LLM it is the model's summary; without one it is extractive:
 * the page's own description and the leading sentences of its main content, which is what a reader
 * skimming the page sees first. The response says which one it is.
 */
@ApplicationScoped
public class Summarizer {
  static final int EXTRACTIVE_CHARS = 600;
  private static final int LLM_INPUT_CHARS = 30_000;
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？…\"”)]$");

  private final LlmProviders providers;
  private final ChatClient chat;

  @Inject
  public Summarizer(LlmProviders providers, ChatClient chat) {
    this.providers = providers;
    this.chat = chat;
  }

  /** A summary and, for the extractive kind, the warning that says so. */
  public record Summary(String text, String warning) {}

  public Summary summarize(
      String url, String description, String text, String language, LlmCredentials credentials) {
    Optional<LlmEndpoint> llm = providers.resolve(credentials);
    if (llm.isPresent()) {
      String body = text.length() > LLM_INPUT_CHARS ? text.substring(0, LLM_INPUT_CHARS) : text;
      String answer =
          chat.complete(
              llm.get(),
              List.of(
                  new Message(
                      "system",
                      "Summarize the web page in three to five plain sentences, in the page's"
                          + " language. No preamble, no lists."),
                  new Message("user", "Page: " + url + "\n\n" + body)),
              false);
      return new Summary(answer.strip(), null);
    }
    return new Summary(
        extractive(description, text, language),
        "No LLM is configured or given: the summary is the page's description and leading"
            + " sentences.");
  }

  /**
   * The description, then whole sentences of the text's paragraphs, up to about 600 characters.
   * Headings, list items and captions (short, or not ending like a sentence) are skipped.
   */
  static String extractive(String description, String text, String language) {
    StringBuilder out = new StringBuilder();
    if (description != null && !description.isBlank()) {
      out.append(description.strip());
    }
    Locale locale = language == null ? Locale.ROOT : Locale.forLanguageTag(language);
    BreakIterator sentences = BreakIterator.getSentenceInstance(locale);
    for (String raw : text.split("\n\\s*\n")) {
      String paragraph = raw.replaceAll("\\s+", " ").strip();
      if (paragraph.length() < 40 || !SENTENCE_END.matcher(paragraph).find()) {
        continue;
      }
      sentences.setText(paragraph);
      int start = sentences.first();
      for (int end = sentences.next();
          end != BreakIterator.DONE;
          start = end, end = sentences.next()) {
        String sentence = paragraph.substring(start, end).strip();
        if (out.length() >= EXTRACTIVE_CHARS) {
          return out.toString();
        }
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(sentence);
      }
    }
    return out.toString();
  }
}
