package dev.orbweaver.extract.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the deterministic extractor made of a caller's JSON schema.
 *
 * @param data an object with every property of the schema; null where the page had no value
 * @param missing dotted paths of the properties it could not fill ({@code "author.email"})
 */
public record SchemaExtraction(ObjectNode data, List<String> missing) {}
