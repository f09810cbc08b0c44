package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a page into a profile's JSON shape. Every profile object starts with {@code "profile"} (its
 * wire name) and ends with {@code "source"}: where the values came from ({@code json-ld}, {@code
 * microdata}, {@code open-graph}, {@code page}, or null when the page had nothing for it).
 */
public final class Profiles {
  private Profiles() {}

  public static ObjectNode read(Profile profile, Facts facts) {
    return switch (profile) {
      case AUTO -> read(choose(facts), facts);
      case PRODUCT -> ProductProfile.read(facts);
      case ARTICLE -> ArticleProfile.read(facts);
      case JOB_POSTING -> JobPostingProfile.read(facts);
      case FAQ -> FaqProfile.read(facts);
      case RECIPE -> RecipeProfile.read(facts);
      case EVENT -> EventProfile.read(facts);
    };
  }

  /**
   * The profile the page's data supports best. Typed data decides first, most specific type first
   * (a recipe blog also declares an Article, a shop page an Organization); then Open Graph's type;
   * then the page's shape (a price beside a heading, an ingredients list, several questions);
   * otherwise the page is read as an article.
   */
  public static Profile choose(Facts facts) {
    if (facts.first(type -> type.equals("Recipe")) != null) {
      return Profile.RECIPE;
    }
    if (facts.first(type -> type.equals("JobPosting")) != null) {
      return Profile.JOB_POSTING;
    }
    if (facts.first(EventProfile::isEvent) != null) {
      return Profile.EVENT;
    }
    if (facts.first(ProductProfile::isProduct) != null) {
      return Profile.PRODUCT;
    }
    if (facts.first(type -> type.equals("FAQPage") || type.equals("QAPage")) != null) {
      return Profile.FAQ;
    }
    if (facts.first(ArticleProfile::isArticle) != null) {
      return Profile.ARTICLE;
    }
    String ogType = Values.lower(facts.metadata().og().get("type"));
    if (ogType.equals("product") || facts.metadata().meta().containsKey("product:price:amount")) {
      return Profile.PRODUCT;
    }
    if (ogType.equals("article")) {
      return Profile.ARTICLE;
    }
    if (PageStructure.heading(facts.document()) != null
        && PageStructure.price(facts.document()) != null
        && !PageStructure.isListing(facts.document())) {
      return Profile.PRODUCT;
    }
    if (!PageStructure.listUnder(facts.document(), RecipeProfile.INGREDIENTS).isEmpty()) {
      return Profile.RECIPE;
    }
    if (PageStructure.questions(facts.document()).size() >= 2) {
      return Profile.FAQ;
    }
    return Profile.ARTICLE;
  }
}
