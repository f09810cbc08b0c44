package dev.orbweaver.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses {@link ControlCharacters} in every string of a JSON document that binds: string fields,
 * elements and values (also inside untyped maps and lists, which bind strings through the same
 * deserializer), map keys, and every string and key of a {@link JsonNode} field. The refusal is a
 * {@link InvalidFormatException} that Jackson gives the field's path, so the error names it.
 */
public final class ControlCharacterModule extends SimpleModule {
  public ControlCharacterModule() {
    super("orbweaver-control-characters");
    addDeserializer(String.class, new CheckedString());
    addKeyDeserializer(String.class, new CheckedKey());
    addDeserializer(JsonNode.class, new CheckedTree<>(JsonNode.class));
    addDeserializer(ObjectNode.class, new CheckedTree<>(ObjectNode.class));
    addDeserializer(ArrayNode.class, new CheckedTree<>(ArrayNode.class));
  }

  /** Jackson's own string binding (coercions included), then the check. */
  static final class CheckedString extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = super.deserialize(p, ctxt);
      if (value != null) {
        int at = ControlCharacters.firstForbidden(value);
        if (at >= 0) {
          throw InvalidFormatException.from(
              p, ControlCharacters.refusal(value, at), value, String.class);
        }
      }
      return value;
    }
  }

  static final class CheckedKey extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      int at = ControlCharacters.firstForbidden(key);
      if (at >= 0) {
        throw InvalidFormatException.from(
            ctxt.getParser(), ControlCharacters.refusal(key, at) + " in a key", key, String.class);
      }
      return key;
    }
  }

  /** Jackson's tree binding, then a walk over the tree. */
  static final class CheckedTree<T extends JsonNode> extends StdDeserializer<T> {
    private final JsonDeserializer<T> tree;

    @SuppressWarnings("unchecked")
    CheckedTree(Class<T> type) {
      super(type);
      this.tree = (JsonDeserializer<T>) JsonNodeDeserializer.getDeserializer(type);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      T node = tree.deserialize(p, ctxt);
      JsonMappingException refusal = refusal(p, node);
      if (refusal != null) {
        throw refusal;
      }
      return node;
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      return tree.getNullValue(ctxt);
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
      return tree.getAbsentValue(ctxt);
    }

    @Override
    public LogicalType logicalType() {
      return tree.logicalType();
    }

    @Override
    public boolean isCachable() {
      return true;
    }

    /** The refusal for the first forbidden string in {@code node}, its path relative to it. */
    private static JsonMappingException refusal(JsonParser p, JsonNode node) {
      if (node == null) {
        return null;
      }
      if (node.isTextual()) {
        String value = node.textValue();
        int at = ControlCharacters.firstForbidden(value);
        return at < 0
            ? null
            : InvalidFormatException.from(
                p, ControlCharacters.refusal(value, at), value, String.class);
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          int at = ControlCharacters.firstForbidden(field.getKey());
          if (at >= 0) {
            return InvalidFormatException.from(
                p,
                ControlCharacters.refusal(field.getKey(), at) + " in a key",
                field.getKey(),
                String.class);
          }
          JsonMappingException inner = refusal(p, field.getValue());
          if (inner != null) {
            inner.prependPath(node, field.getKey());
            return inner;
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          JsonMappingException inner = refusal(p, node.get(i));
          if (inner != null) {
            inner.prependPath(node, i);
            return inner;
          }
        }
      }
      return null;
    }
  }
}
