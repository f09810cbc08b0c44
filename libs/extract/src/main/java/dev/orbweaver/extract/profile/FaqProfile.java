package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code faq}: questions [{question, answer}], source. From a schema.org FAQPage (its Question
 * items and their accepted answers), else {@code <details>}/{@code <summary>}, question-like {@code
 * <dt>}s, or headings ending in a question mark and the text below them.
 */
final class FaqProfile {
  private FaqProfile() {}

  static ObjectNode read(Facts facts) {
    ArrayNode questions = Shape.arrayNode();
    ObjectNode faq = facts.first(type -> type.equals("FAQPage") || type.equals("QAPage"));
    String source = null;
    if (faq != null) {
      JsonNode entities = faq.path("mainEntity");
      for (JsonNode question : entities.isArray() ? entities : java.util.List.of(entities)) {
        String text = Values.firstText(question.get("name"), question.get("text"));
        JsonNode answer = question.path("acceptedAnswer");
        if (answer.isMissingNode()) {
          answer = question.path("suggestedAnswer");
        }
        String answerText =
            Values.firstText(answer.isArray() ? answer.get(0) : answer.get("text"), answer);
        if (text != null && answerText != null) {
          questions.addObject().put("question", text).put("answer", answerText);
        }
      }
      source = facts.sourceOf(faq);
    }
    if (questions.isEmpty()) {
      for (PageStructure.QuestionAnswer pair : PageStructure.questions(facts.document())) {
        questions.addObject().put("question", pair.question()).put("answer", pair.answer());
      }
      source = questions.isEmpty() ? null : "page";
    }
    return new Shape(Profile.FAQ).array("questions", questions).text("source", source).build();
  }
}
