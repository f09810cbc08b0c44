package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code recipe}: name, description, author, image, prep_time, cook_time, total_time (ISO 8601
 * durations as published), yield, ingredients, instructions, category, cuisine, calories, rating,
 * review_count, url, source. From a schema.org Recipe, else the h1 and the lists under headings
 * that say ingredients and method.
 */
final class RecipeProfile {
  static final Pattern INGREDIENTS = Pattern.compile("(?i)ingredients?|zutaten|ingrédients|재료");
  private static final Pattern METHOD =
      Pattern.compile("(?i)instructions?|method|directions?|preparation|steps|zubereitung|만드는 법");

  private RecipeProfile() {}

  static ObjectNode read(Facts facts) {
    ObjectNode recipe = facts.first(type -> type.equals("Recipe"));
    if (recipe == null) {
      List<String> ingredients = PageStructure.listUnder(facts.document(), INGREDIENTS);
      return new Shape(Profile.RECIPE)
          .text("name", PageStructure.heading(facts.document()))
          .text("description", facts.metadata().description())
          .text("author", facts.metadata().author())
          .text("image", facts.metadata().og().get("image"))
          .text("prep_time", null)
          .text("cook_time", null)
          .text("total_time", null)
          .text("yield", null)
          .texts("ingredients", ingredients)
          .texts("instructions", PageStructure.listUnder(facts.document(), METHOD))
          .text("category", null)
          .text("cuisine", null)
          .text("calories", null)
          .number("rating", null)
          .integer("review_count", null)
          .text("url", ProductProfile.url(facts, null))
          .text("source", ingredients.isEmpty() ? null : "page")
          .build();
    }
    JsonNode rating = recipe.path("aggregateRating");
    List<String> yields = Values.texts(recipe.get("recipeYield"));
    List<String> images = Values.images(recipe.get("image"), facts.resolver());
    return new Shape(Profile.RECIPE)
        .text("name", Values.text(recipe.get("name")))
        .text("description", Values.text(recipe.get("description")))
        .text("author", Values.text(recipe.get("author")))
        .text("image", images.isEmpty() ? null : images.get(0))
        .text("prep_time", Values.text(recipe.get("prepTime")))
        .text("cook_time", Values.text(recipe.get("cookTime")))
        .text("total_time", Values.text(recipe.get("totalTime")))
        .text("yield", yields.isEmpty() ? null : yields.get(yields.size() - 1))
        .texts("ingredients", Values.texts(recipe.get("recipeIngredient")))
        .texts("instructions", instructions(recipe.get("recipeInstructions")))
        .text("category", Values.text(recipe.get("recipeCategory")))
        .text("cuisine", Values.text(recipe.get("recipeCuisine")))
        .text("calories", Values.text(recipe.path("nutrition").get("calories")))
        .number("rating", Values.number(Values.text(rating.get("ratingValue"))))
        .integer(
            "review_count",
            Values.number(Values.firstText(rating.get("ratingCount"), rating.get("reviewCount"))))
        .text("url", ProductProfile.url(facts, Values.text(recipe.get("url"))))
        .text("source", facts.sourceOf(recipe))
        .build();
  }

  /** Steps from HowToStep items, HowToSection groups of them, or plain strings. */
  private static List<String> instructions(JsonNode node) {
    List<String> steps = new ArrayList<>();
    if (node == null || node.isNull()) {
      return steps;
    }
    if (node.isArray()) {
      node.forEach(step -> steps.addAll(instructions(step)));
    } else if (node.isObject() && node.has("itemListElement")) {
      steps.addAll(instructions(node.get("itemListElement")));
    } else {
      String text =
          node.isObject()
              ? Values.firstText(node.get("text"), node.get("name"))
              : Values.text(node);
      if (text != null) {
        steps.add(text);
      }
    }
    return steps;
  }
}
