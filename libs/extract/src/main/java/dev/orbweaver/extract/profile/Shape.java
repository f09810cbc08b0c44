package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** Builds a profile's JSON object: every documented field present, null when the page lacks it. */
final class Shape {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final ObjectNode node = JSON.objectNode();

  Shape(Profile profile) {
    node.put("profile", profile.wireName());
  }

  Shape text(String field, String value) {
    node.put(field, value);
    return this;
  }

  Shape number(String field, BigDecimal value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(
          field,
          value.stripTrailingZeros().scale() <= 0 ? value.setScale(0) : value.stripTrailingZeros());
    }
    return this;
  }

  Shape integer(String field, BigDecimal value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.longValue());
    }
    return this;
  }

  Shape bool(String field, Boolean value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
    return this;
  }

  Shape texts(String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
    return this;
  }

  Shape object(String field, ObjectNode value) {
    node.set(field, value == null ? JSON.nullNode() : value);
    return this;
  }

  Shape array(String field, ArrayNode value) {
    node.set(field, value);
    return this;
  }

  static ObjectNode objectNode() {
    return JSON.objectNode();
  }

  static ArrayNode arrayNode() {
    return JSON.arrayNode();
  }

  ObjectNode build() {
    return node;
  }
}
