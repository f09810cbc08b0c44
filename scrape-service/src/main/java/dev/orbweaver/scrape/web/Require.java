package dev.orbweaver.scrape.web;

import dev.orbweaver.common.error.ApiException;
import java.util.List;

/** Validation of bound request values, each failure a 400 that names the field. */
public final class Require {
  private Require() {}

  public static ApiException invalid(String field, String problem) {
    return ApiException.validation("Invalid value for field '" + field + "': " + problem);
  }

  public static void that(boolean condition, String field, String problem) {
    if (!condition) {
      throw invalid(field, problem);
    }
  }

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw ApiException.validation("Missing required field '" + field + "'.");
    }
    return value;
  }

  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.validation("Missing required field '" + field + "'.");
    }
    return value;
  }

  public static int range(Integer value, int min, int max, int fallback, String field) {
    if (value == null) {
      return fallback;
    }
    that(value >= min && value <= max, field, "must be between " + min + " and " + max);
    return value;
  }

  /** A list of non-blank strings (selectors, URLs). */
  public static List<String> strings(List<String> values, String field) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw invalid(field + "[" + i + "]", "must be a string");
      }
    }
    return List.copyOf(values);
  }
}
