package dev.orbweaver.backlink.api;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.graph.domain.DomainName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CrawlGraph request checks: every refusal is a 400 validation_error naming the field. */
final class Input {
  private Input() {}

  static <T> T body(T body) {
    if (body == null) {
      throw ApiException.validation("A JSON request body is required.");
    }
    return body;
  }

  static DomainName domain(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.validation(field + " is required.");
    }
    try {
      return DomainName.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(field + ": " + e.getMessage() + ".");
    }
  }

  /** An optional domain: null stays null. */
  static DomainName optionalDomain(String field, String value) {
    return value == null || value.isEmpty() ? null : domain(field, value);
  }

  static int limit(String field, Integer value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < 1 || value > max) {
      throw ApiException.validation(
          field + " must be between 1 and " + max + ", not " + value + ".");
    }
    return value;
  }

  /** A query parameter that must be an integer when present. */
  static Integer integer(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw ApiException.validation(field + " must be an integer, not '" + value + "'.");
    }
  }

  /** 1–5 distinct competitors, none of them my domain. */
  static List<DomainName> competitors(String field, List<String> values, DomainName mine) {
    if (values == null || values.isEmpty()) {
      throw ApiException.validation(field + " needs 1 to 5 domains.");
    }
    if (values.size() > 5) {
      throw ApiException.validation(
          field + " takes at most 5 domains (the dashboard's cap), not " + values.size() + ".");
    }
    List<DomainName> out = new ArrayList<>();
    Set<DomainName> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      DomainName domain = domain(field + "[" + i + "]", values.get(i));
      if (!seen.add(domain)) {
        throw ApiException.validation(field + " names " + domain + " twice.");
      }
      if (domain.equals(mine)) {
        throw ApiException.validation(field + "[" + i + "] is my_domain itself.");
      }
      out.add(domain);
    }
    return out;
  }

  static String releaseId(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
