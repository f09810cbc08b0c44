package dev.orbweaver.crawl.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.model.CrawlSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What an idempotency key remembers of the request that first used it: a SHA-256 of the crawl it
 * asked for, in the engine's words. Two bodies that ask for the same crawl (fields in another
 * order, a default spelled out) are the same request; any other difference is another request.
 */
@ApplicationScoped
public class RequestFingerprint {
  private final ObjectMapper json;

  @Inject
  public RequestFingerprint(ObjectMapper json) {
    this.json = json;
  }

  public String of(CrawlSpec spec) {
    ObjectNode tree = json.valueToTree(spec);
    tree.remove("idempotencyKey"); // the key names the request; it is not part of it
    byte[] canonical = canonical(tree).toString().getBytes(StandardCharsets.UTF_8);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The same tree with every object's fields in name order, so that order never counts. */
  private JsonNode canonical(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode sorted = json.createObjectNode();
      names.forEach(name -> sorted.set(name, canonical(object.get(name))));
      return sorted;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = json.createArrayNode();
      array.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    return node;
  }
}
