package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code article}: headline, description, authors, date_published, date_modified, publisher,
 * section, keywords, image, url, word_count, text (the main content as plain text), source. From a
 * schema.org Article (any subtype: NewsArticle, BlogPosting, …), else Open Graph and meta tags and
 * the page's h1.
 */
final class ArticleProfile {
  private ArticleProfile() {}

  static boolean isArticle(String type) {
    return type.endsWith("Article")
        || type.equals("BlogPosting")
        || type.equals("Report")
        || type.endsWith("Posting") && !type.equals("JobPosting");
  }

  static ObjectNode read(Facts facts) {
    ObjectNode article = facts.first(ArticleProfile::isArticle);
    var metadata = facts.metadata();
    String text = facts.mainText().get();
    BigDecimal words =
        text.isBlank() ? BigDecimal.ZERO : BigDecimal.valueOf(text.strip().split("\\s+").length);
    if (article == null) {
      List<String> authors = metadata.author() == null ? List.of() : List.of(metadata.author());
      return new Shape(Profile.ARTICLE)
          .text(
              "headline",
              firstNonNull(
                  metadata.og().get("title"),
                  PageStructure.heading(facts.document()),
                  metadata.title()))
          .text("description", metadata.description())
          .texts("authors", authors)
          .text("date_published", metadata.publishedTime())
          .text("date_modified", metadata.meta().get("article:modified_time"))
          .text("publisher", metadata.og().get("site_name"))
          .text("section", metadata.meta().get("article:section"))
          .texts("keywords", keywords(metadata.keywords()))
          .text("image", metadata.og().get("image"))
          .text("url", ProductProfile.url(facts, metadata.og().get("url")))
          .integer("word_count", words)
          .text("text", text)
          .text("source", metadata.og().isEmpty() ? "page" : "open-graph")
          .build();
    }
    List<String> authors = new ArrayList<>(Values.texts(article.get("author")));
    if (authors.isEmpty() && metadata.author() != null) {
      authors.add(metadata.author());
    }
    List<String> images = Values.images(article.get("image"), facts.resolver());
    List<String> keywords = Values.texts(article.get("keywords"));
    if (keywords.size() == 1) {
      keywords = keywords(keywords.get(0));
    } else if (keywords.isEmpty()) {
      keywords = keywords(metadata.keywords());
    }
    return new Shape(Profile.ARTICLE)
        .text(
            "headline",
            firstNonNull(
                Values.text(article.get("headline")),
                Values.text(article.get("name")),
                metadata.title()))
        .text(
            "description",
            firstNonNull(Values.text(article.get("description")), metadata.description()))
        .texts("authors", authors)
        .text(
            "date_published",
            firstNonNull(Values.text(article.get("datePublished")), metadata.publishedTime()))
        .text("date_modified", Values.text(article.get("dateModified")))
        .text(
            "publisher",
            firstNonNull(Values.text(article.get("publisher")), metadata.og().get("site_name")))
        .text("section", Values.text(article.get("articleSection")))
        .texts("keywords", keywords)
        .text("image", images.isEmpty() ? metadata.og().get("image") : images.get(0))
        .text(
            "url",
            ProductProfile.url(
                facts, Values.firstText(article.get("url"), article.get("mainEntityOfPage"))))
        .integer("word_count", words)
        .text("text", text)
        .text("source", facts.sourceOf(article))
        .build();
  }

  private static List<String> keywords(String list) {
    List<String> keywords = new ArrayList<>();
    if (list != null) {
      for (String keyword : list.split(",")) {
        if (!keyword.isBlank()) {
          keywords.add(keyword.strip());
        }
      }
    }
    return keywords;
  }

  static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
