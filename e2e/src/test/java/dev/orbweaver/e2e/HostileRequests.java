package dev.orbweaver.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.e2e.OpenApiOperations.Operation;
import dev.orbweaver.e2e.OpenApiOperations.Parameter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hostile requests for one operation, derived from its schema: each body property replaced by
 * values of the wrong type, control characters, huge and negative numbers, 100 KB strings, deeply
 * nested arrays and objects, invalid UTF-8 and unknown enum values; bodies that are not JSON or not
 * objects; odd path ids; query and header parameters of the wrong type; broken credentials.
 */
final class HostileRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a hostile value goes in a serialised body: replaced by raw bytes after writing. */
  private static final String SPLICE = "\u2063splice\u2063";

  private static final String LONG = "a".repeat(100 * 1024);
  private static final String UNKNOWN = "not-a-known-value";

  /** What the answer must be, besides below 500 and in the route's envelope. */
  enum Expect {
    /** Anything below 500: lenient readers may accept, coerce or ignore the value. */
    BELOW_500,
    /**
     * A 4xx: the value breaks a rule every route keeps (configuration.md, "Input every service
     * refuses") or is not JSON at all.
     */
    REFUSED
  }

  enum Auth {
    /** The operation's credential: the account's key, or the admin token on admin routes. */
    KEY,
    /** No credential at all. */
    NONE,
    /** The headers of the request carry a broken credential. */
    BROKEN
  }

  /** One request to send: how it differs from a valid one, and what it must get. */
  record Hostile(
      String operation,
      String variant,
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body,
      Auth auth,
      Expect expect,
      boolean chunked) {
    String target() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** A value to put where a property's value goes: raw JSON bytes (or not quite JSON). */
  record Value(String label, byte[] raw, Expect expect) {
    static Value json(String label, String json, Expect expect) {
      return new Value(label, json.getBytes(StandardCharsets.UTF_8), expect);
    }

    static Value json(String label, String json) {
      return json(label, json, Expect.BELOW_500);
    }
  }

  private final OpenApiOperations document;

  HostileRequests(OpenApiOperations document) {
    this.document = document;
  }

  /**
   * Every hostile request for an operation.
   *
   * @param baseline a valid body for it (null when it takes none), on which one thing at a time is
   *     spoiled so that the spoiled thing is what the service reads
   * @param ids a real id for each path parameter (a fixture the account owns)
   * @param sendBaseline whether the valid request itself is sent (not for deletes of fixtures, or
   *     streams that follow a running job)
   * @param refusedOnly properties for which only values that must be refused are sent (an accepted
   *     value would reach outside the machine), with the reason
   * @param controlCharactersRefused whether the route keeps the control-character rule (the MCP
   *     server's JSON-RPC is not one of the four dialects)
   */
  List<Hostile> of(
      Operation op,
      JsonNode baseline,
      Map<String, String> ids,
      boolean sendBaseline,
      Map<String, String> refusedOnly,
      boolean controlCharactersRefused) {
    Builder b = new Builder(op, baseline, ids, controlCharactersRefused);
    if (sendBaseline) {
      b.add(
          "valid request", b.path(Map.of()), null, Map.of(), b.body(), Auth.KEY, Expect.BELOW_500);
    }
    credentials(b);
    if (sendBaseline) {
      for (String id : List.of("r".repeat(1000), "../%00\\\"<script>", "\u00e9t\u00e9")) {
        b.add(
            "X-Request-ID = " + shorten(id),
            b.path(Map.of()),
            null,
            Map.of("X-Request-ID", id),
            b.body(),
            Auth.KEY,
            Expect.BELOW_500);
      }
      // A representation the route cannot produce: 406 in the route's envelope, or the usual JSON.
      b.add(
          "Accept: application/xml",
          b.path(Map.of()),
          null,
          Map.of("Accept", "application/xml"),
          b.body(),
          Auth.KEY,
          Expect.BELOW_500);
    }
    for (Parameter p : op.in("path")) {
      for (String id : oddIds()) {
        b.add(
            "path " + p.name() + " = " + shorten(id),
            b.path(Map.of(p.name(), id)),
            null,
            Map.of(),
            b.body(),
            Auth.KEY,
            Expect.BELOW_500);
      }
    }
    for (Parameter p : op.in("query")) {
      for (Map.Entry<String, Expect> value : oddQueryValues(p.name()).entrySet()) {
        b.add(
            "query " + shorten(value.getKey()),
            b.path(Map.of()),
            value.getKey(),
            Map.of(),
            b.body(),
            Auth.KEY,
            value.getValue());
      }
    }
    for (Parameter p : op.in("header")) {
      for (String value : List.of("x".repeat(5000), "", "  ", "%00", "../../etc/passwd")) {
        b.add(
            "header " + p.name() + " = " + shorten(value),
            b.path(Map.of()),
            null,
            Map.of(p.name(), value),
            b.body(),
            Auth.KEY,
            Expect.BELOW_500);
      }
    }
    if (op.hasJsonBody()) {
      wholeBodies(b);
      properties(b, "", op.bodySchema(), refusedOnly, 0);
    }
    return b.requests;
  }

  /**
   * The operation's path with a method none of its operations takes (PUT or PATCH, never one that
   * could stream or delete), with the account's credential and no body.
   */
  Hostile undeclaredMethod(Operation op, Map<String, String> ids, String method) {
    Builder b = new Builder(op, null, ids, false);
    return new Hostile(
        method + " " + op.path(),
        "a method the path does not take",
        method,
        b.path(Map.of()),
        null,
        Map.of(),
        null,
        Auth.KEY,
        Expect.BELOW_500,
        false);
  }

  private static void credentials(Builder b) {
    b.add("no credential", b.path(Map.of()), null, Map.of(), b.body(), Auth.NONE, Expect.BELOW_500);
    Map<String, Map<String, String>> broken = new LinkedHashMap<>();
    broken.put("Bearer of 5,000 characters", Map.of("Authorization", "Bearer " + "x".repeat(5000)));
    broken.put("Bearer of a made-up key", Map.of("Authorization", "Bearer ow_live_%00..%2F"));
    broken.put("Basic credential", Map.of("Authorization", "Basic Zm9vOmJhcg=="));
    broken.put("X-API-Key of junk", Map.of("X-API-Key", "../../../etc/passwd"));
    broken.forEach(
        (label, headers) ->
            b.add(label, b.path(Map.of()), null, headers, b.body(), Auth.BROKEN, Expect.BELOW_500));
  }

  /** Ids no route can hold, percent-encoded as a client sends them. */
  static List<String> oddIds() {
    return List.of(
        "%00",
        "a%00b",
        "%1B%5B2J",
        "..%2F..%2Fq%2Fmetrics",
        "%2e%2e",
        "..%2F",
        "a".repeat(5000),
        "%E2%98%83%F0%9F%95%B7%E2%80%AE",
        "%FF%FE",
        "%ED%A0%80",
        "-1",
        "0",
        "99999999999999999999999",
        "9223372036854775808",
        "1e308",
        "%20",
        "a%0D%0AX-Injected:%201",
        "%25",
        "null",
        "%7Bid%7D");
  }

  private static Map<String, Expect> oddQueryValues(String name) {
    Map<String, Expect> values = new LinkedHashMap<>();
    for (String value :
        List.of(
            "abc",
            "-1",
            "1.5",
            "1e308",
            "99999999999999999999",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "%FF%FE",
            "a".repeat(5000),
            "yes",
            "",
            "%E2%98%83",
            UNKNOWN,
            "%5B%5D",
            "true")) {
      values.put(name + "=" + value, Expect.BELOW_500);
    }
    values.put(name + "=a%00b", Expect.REFUSED);
    values.put(name + "=%1B%5B2J", Expect.REFUSED);
    values.put(name + "=1&" + name + "=2", Expect.BELOW_500);
    values.put(name, Expect.BELOW_500);
    return values;
  }

  private void wholeBodies(Builder b) {
    Map<String, Value> bodies = new LinkedHashMap<>();
    put(bodies, Value.json("not JSON (cut short)", "{\"url\": ", Expect.REFUSED));
    put(bodies, Value.json("empty", ""));
    put(bodies, Value.json("null", "null"));
    put(bodies, Value.json("an array", "[]"));
    put(bodies, Value.json("a string", "\"text\""));
    put(bodies, Value.json("a number 1e308", "1e308"));
    put(bodies, Value.json("200-deep arrays", nestedArrays(200)));
    put(bodies, Value.json("200-deep objects", nestedObjects(200)));
    put(bodies, Value.json("2000-deep arrays", nestedArrays(2000)));
    put(bodies, Value.json("100 KB of letters", LONG, Expect.REFUSED));
    put(bodies, new Value("raw NUL byte", new byte[] {0, '{', '}'}, Expect.REFUSED));
    put(
        bodies,
        new Value(
            "invalid UTF-8 bytes",
            new byte[] {'{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}'},
            Expect.REFUSED));
    put(bodies, Value.json("trailing garbage", b.text() + " }{"));
    put(bodies, Value.json("unknown property 200 deep", withExtra(b.baseline, nestedObjects(200))));
    bodies
        .values()
        .forEach(
            v ->
                b.add(
                    "body " + v.label(),
                    b.path(Map.of()),
                    null,
                    Map.of(),
                    v.raw(),
                    Auth.KEY,
                    v.expect()));
    b.add(
        "body as text/plain",
        b.path(Map.of()),
        null,
        Map.of("Content-Type", "text/plain"),
        b.body(),
        Auth.KEY,
        Expect.BELOW_500);
    b.add(
        "body as UTF-16",
        b.path(Map.of()),
        null,
        Map.of("Content-Type", "application/json; charset=UTF-16"),
        b.text().getBytes(StandardCharsets.UTF_16),
        Auth.KEY,
        Expect.BELOW_500);
    b.add(
        "body in a charset nobody knows",
        b.path(Map.of()),
        null,
        Map.of("Content-Type", "application/json; charset=x-no-such-charset"),
        b.body(),
        Auth.KEY,
        Expect.BELOW_500);
    b.add(
        "body said to be gzip but is not",
        b.path(Map.of()),
        null,
        Map.of("Content-Encoding", "gzip"),
        b.body(),
        Auth.KEY,
        Expect.BELOW_500);
    b.add(
        "body of 5 MiB, over every route's limit",
        b.path(Map.of()),
        null,
        Map.of(),
        ("{\"a\": \"" + "a".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
        Auth.KEY,
        Expect.REFUSED);
    b.requests.add(
        new Hostile(
            b.op.name(),
            "valid body sent chunked",
            b.op.method(),
            b.path(Map.of()),
            null,
            Map.of(),
            b.body(),
            Auth.KEY,
            Expect.BELOW_500,
            true));
  }

  private static void put(Map<String, Value> values, Value value) {
    values.put(value.label(), value);
  }

  /** Each property (and each property of an object property) spoiled in turn. */
  private void properties(
      Builder b, String prefix, JsonNode schema, Map<String, String> refusedOnly, int depth) {
    for (Map.Entry<String, JsonNode> property : document.properties(schema).entrySet()) {
      String name = property.getKey();
      String pointer = prefix + "/" + name;
      Set<String> types = document.types(property.getValue());
      boolean onlyRefused = refusedOnly.containsKey(name);
      for (Value value : valuesFor(property.getValue(), types)) {
        if (onlyRefused && value.expect() != Expect.REFUSED && value.raw()[0] == '"') {
          continue; // a string the service could accept
        }
        Expect expect = b.controlCharactersRefused ? value.expect() : Expect.BELOW_500;
        b.add(
            "body " + pointer.substring(1).replace('/', '.') + " = " + value.label(),
            b.path(Map.of()),
            null,
            Map.of(),
            b.spliced(pointer, value.raw()),
            Auth.KEY,
            expect);
      }
      if (depth == 0 && types.contains("object")) {
        properties(b, pointer, property.getValue(), refusedOnly, depth + 1);
      }
      if (depth == 0
          && types.contains("array")
          && document.types(document.items(property.getValue())).contains("object")) {
        properties(b, pointer + "/0", document.items(property.getValue()), refusedOnly, depth + 1);
      }
    }
  }

  private List<Value> valuesFor(JsonNode schema, Set<String> types) {
    List<Value> values = new ArrayList<>();
    Map<String, String> wrong = new LinkedHashMap<>();
    wrong.put("string", "\"text\"");
    wrong.put("number", "12345");
    wrong.put("boolean", "true");
    wrong.put("array", "[1, \"a\", {}, null]");
    wrong.put("object", "{\"a\": 1}");
    if (!types.isEmpty()) {
      wrong.forEach(
          (type, json) -> {
            if (!types.contains(type)) {
              values.add(Value.json("wrong type " + type, json));
            }
          });
    }
    values.add(Value.json("null", "null"));
    boolean any = types.isEmpty();
    if (any || types.contains("string")) {
      values.add(Value.json("NUL inside", "\"a\\u0000b\"", Expect.REFUSED));
      values.add(Value.json("control characters", "\"\\u0001\\u001f\\u007f\"", Expect.REFUSED));
      values.add(Value.json("terminal escape", "\"\\u001b[2J\"", Expect.REFUSED));
      values.add(Value.json("CR LF header injection", "\"a\\r\\nX-Injected: 1\""));
      values.add(Value.json("100 KB string", quoted(LONG)));
      values.add(Value.json("unknown enum value", quoted(UNKNOWN)));
      values.add(
          Value.json("unicode and a right-to-left override", "\"\u2603\uD83D\uDD77\u202E\""));
      values.add(Value.json("lone surrogate", "\"\\ud800x\""));
      values.add(Value.json("empty string", "\"\""));
      values.add(
          new Value(
              "invalid UTF-8 bytes",
              concat(
                  "\"a".getBytes(StandardCharsets.UTF_8),
                  new byte[] {
                    (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80
                  },
                  "b\"".getBytes(StandardCharsets.UTF_8)),
              Expect.REFUSED));
    }
    if (any || types.contains("number") || types.contains("integer")) {
      for (String number :
          List.of(
              "1e308",
              "-1e308",
              "1e400",
              "9223372036854775808",
              "-9223372036854775809",
              "2147483648",
              "-2147483649",
              "-1",
              "0",
              "1.5",
              "123456789012345678901234567890123",
              "-0",
              "4.9e-324")) {
        values.add(Value.json("number " + number, number));
      }
    }
    if (any || types.contains("array")) {
      values.add(Value.json("array holding NUL", "[\"a\\u0000\"]", Expect.REFUSED));
      values.add(Value.json("array of a 100 KB string", "[" + quoted(LONG) + "]"));
      values.add(Value.json("array of an unknown enum value", "[" + quoted(UNKNOWN) + "]"));
      values.add(Value.json("array of 10,000 items", "[" + "1,".repeat(9_999) + "1]"));
      values.add(Value.json("array of huge numbers", "[1e308, -9223372036854775809]"));
    }
    if (any || types.contains("object")) {
      // A free-form object (a map, metadata) keeps every key; one with declared properties ignores
      // an unknown "k", so only the free-form one must refuse what it holds.
      Expect freeForm = document.properties(schema).isEmpty() ? Expect.REFUSED : Expect.BELOW_500;
      values.add(Value.json("object with NUL in a value", "{\"k\": \"v\\u0000\"}", freeForm));
      values.add(Value.json("object with NUL in a key", "{\"k\\u0000\": \"v\"}", freeForm));
      values.add(Value.json("object with a 100 KB value", "{\"k\": " + quoted(LONG) + "}"));
      StringBuilder many = new StringBuilder("{");
      for (int i = 0; i < 1000; i++) {
        many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": ").append(i);
      }
      values.add(Value.json("object of 1,000 keys", many.append('}').toString()));
    }
    values.add(Value.json("200-deep arrays", nestedArrays(200)));
    values.add(Value.json("200-deep objects", nestedObjects(200)));
    return values;
  }

  static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String nestedObjects(int depth) {
    return "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String quoted(String text) {
    return '"' + text + '"';
  }

  private static String withExtra(JsonNode baseline, String raw) {
    ObjectNode body =
        baseline != null && baseline.isObject()
            ? ((ObjectNode) baseline).deepCopy()
            : JSON.createObjectNode();
    body.put("zz_unknown", SPLICE);
    return write(body).replace(quoted(SPLICE), raw);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 20) + "…(" + text.length() + " chars)";
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects the requests of one operation. */
  private static final class Builder {
    private final Operation op;
    private final JsonNode baseline;
    private final Map<String, String> ids;
    private final boolean controlCharactersRefused;
    private final List<Hostile> requests = new ArrayList<>();

    Builder(
        Operation op,
        JsonNode baseline,
        Map<String, String> ids,
        boolean controlCharactersRefused) {
      this.op = op;
      this.baseline = baseline;
      this.ids = ids;
      this.controlCharactersRefused = controlCharactersRefused;
    }

    void add(
        String variant,
        String path,
        String query,
        Map<String, String> headers,
        byte[] body,
        Auth auth,
        Expect expect) {
      requests.add(
          new Hostile(
              op.name(), variant, op.method(), path, query, headers, body, auth, expect, false));
    }

    /** The operation's path with real ids, except those given. */
    String path(Map<String, String> odd) {
      String path = op.path();
      for (Parameter p : op.in("path")) {
        String value = odd.getOrDefault(p.name(), ids.get(p.name()));
        path = path.replace("{" + p.name() + "}", value);
      }
      return path;
    }

    String text() {
      return baseline == null ? "{}" : write(baseline);
    }

    byte[] body() {
      return op.hasJsonBody() ? text().getBytes(StandardCharsets.UTF_8) : null;
    }

    /** The baseline with the value at a JSON pointer (objects created on the way) replaced. */
    byte[] spliced(String pointer, byte[] raw) {
      JsonNode body =
          baseline != null && baseline.isObject() ? baseline.deepCopy() : JSON.createObjectNode();
      String[] steps = pointer.substring(1).split("/");
      JsonNode node = body;
      for (int i = 0; i < steps.length - 1; i++) {
        node = step(node, steps[i], steps[i + 1].equals("0"));
      }
      String last = steps[steps.length - 1];
      if (node instanceof ArrayNode array) {
        array.removeAll();
        array.add(SPLICE);
      } else {
        ((ObjectNode) node).put(last, SPLICE);
      }
      String text = write(body);
      int at = text.indexOf(quoted(SPLICE));
      return concat(
          text.substring(0, at).getBytes(StandardCharsets.UTF_8),
          raw,
          text.substring(at + SPLICE.length() + 2).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode step(JsonNode node, String name, boolean array) {
      if (node instanceof ArrayNode list) {
        // Spoil the first item: keep the baseline's item if there is one, as an object.
        JsonNode first =
            list.size() > 0 && list.get(0).isObject() ? list.get(0) : JSON.createObjectNode();
        list.removeAll();
        list.add(first);
        return first;
      }
      ObjectNode object = (ObjectNode) node;
      JsonNode next = object.get(name);
      if (array) {
        if (next == null || !next.isArray()) {
          next = object.putArray(name);
        }
      } else if (next == null || !next.isObject()) {
        next = object.putObject(name);
      }
      return next;
    }
  }
}
