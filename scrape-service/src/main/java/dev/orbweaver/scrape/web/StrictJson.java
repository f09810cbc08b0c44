package dev.orbweaver.scrape.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies bind strictly by type: {@code "limit": "5"} or {@code "onlyMainContent": 1} is a
 * 400 naming the field rather than a silent guess. Unknown fields stay accepted (Quarkus' default),
 * because real clients add their own (the Firecrawl SDK sends {@code origin}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual
        }) {
      for (CoercionInputShape shape :
          new CoercionInputShape[] {
            CoercionInputShape.String,
            CoercionInputShape.Integer,
            CoercionInputShape.Float,
            CoercionInputShape.Boolean
          }) {
        mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
      }
    }
  }
}
