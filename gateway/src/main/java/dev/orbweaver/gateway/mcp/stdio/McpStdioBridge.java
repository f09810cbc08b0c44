package dev.orbweaver.gateway.mcp.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stdio transport of Orbweaver's MCP server, for desktop clients that start a command: relays
 * each JSON-RPC line from stdin to the gateway's Streamable HTTP endpoint with the user's API key,
 * and writes every message of the answer (plain JSON or an SSE stream) to stdout, one per line.
 * Authentication, quotas and metering are the gateway's, as for any HTTP client.
 *
 * <p>It depends on the JDK alone, so that it runs with no build through the source launcher:
 *
 * <pre>
 * ORBWEAVER_API_KEY=ow_live_… java gateway/src/main/java/dev/orbweaver/gateway/mcp/stdio/McpStdioBridge.java \
 *     http://127.0.0.1:8080/mcp
 * </pre>
 *
 * <p>Why a bridge and not the Quarkiverse stdio extension: that extension would make the whole
 * gateway (PostgreSQL, Redis, auth-service) a process of the desktop client, and its 1.13.0 does
 * not resolve from the Maven Central reachable here. Server-initiated requests (a GET stream) are
 * not relayed: Orbweaver's tools make none.
 */
public final class McpStdioBridge {
  private static final String SESSION = "Mcp-Session-Id";
  private static final String PROTOCOL = "MCP-Protocol-Version";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI endpoint;
  private final String key;
  private final PrintStream out;
  private volatile String session;
  private volatile String protocolVersion;

  McpStdioBridge(URI endpoint, String key, PrintStream out) {
    this.endpoint = endpoint;
    this.key = key;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : System.getenv("ORBWEAVER_MCP_URL");
    String key = System.getenv("ORBWEAVER_API_KEY");
    if (url == null || key == null || key.isBlank()) {
      System.err.println(
          "usage: ORBWEAVER_API_KEY=ow_live_… java McpStdioBridge.java http://HOST:PORT/mcp");
      System.exit(2);
    }
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    new McpStdioBridge(URI.create(url), key.strip(), stdout).run(System.in);
  }

  void run(java.io.InputStream in) throws IOException, InterruptedException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    // A tool call may wait minutes (gap analysis): each message gets its own thread, so that pings
    // and cancellations pass meanwhile. The client sends nothing before initialize is answered.
    ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String message = line;
      if (isInitialize(message)) {
        relay(message);
      } else {
        calls.submit(() -> relay(message));
      }
    }
    calls.shutdown();
    calls.awaitTermination(10, TimeUnit.SECONDS);
    if (session != null) {
      send(HttpRequest.newBuilder(endpoint).DELETE(), HttpResponse.BodyHandlers.discarding());
    }
  }

  private void relay(String message) {
    String id = JsonRpc.topLevel(message, "id");
    try {
      HttpResponse<Stream<String>> response =
          send(
              HttpRequest.newBuilder(endpoint)
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8)),
              HttpResponse.BodyHandlers.ofLines());
      response.headers().firstValue(SESSION).ifPresent(s -> session = s);
      int status = response.statusCode();
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (status == 202) {
        response.body().close();
        return;
      }
      if (status >= 300) {
        String body = String.join(" ", response.body().toList());
        answerError(id, "HTTP " + status + " from " + endpoint + ": " + body);
        return;
      }
      if (type.startsWith("text/event-stream")) {
        events(response.body().iterator());
      } else {
        String body = String.join("", response.body().toList());
        if (!body.isBlank()) {
          write(body);
          rememberProtocol(body);
        }
      }
    } catch (IOException e) {
      answerError(id, "cannot reach " + endpoint + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the data of each server-sent event as one line. */
  private void events(Iterator<String> lines) {
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          write(data.toString());
          rememberProtocol(data.toString());
          data.setLength(0);
        }
      } else if (line.startsWith("data:")) {
        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
      }
    }
    if (!data.isEmpty()) {
      write(data.toString());
    }
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    request.header("Authorization", "Bearer " + key);
    if (session != null) {
      request.header(SESSION, session);
    }
    if (protocolVersion != null) {
      request.header(PROTOCOL, protocolVersion);
    }
    return http.send(request.build(), body);
  }

  private void rememberProtocol(String answer) {
    if (protocolVersion == null) {
      String result = JsonRpc.topLevel(answer, "result");
      if (result != null) {
        String version = JsonRpc.topLevel(result, "protocolVersion");
        if (version != null && version.startsWith("\"")) {
          protocolVersion = version.substring(1, version.length() - 1);
        }
      }
    }
  }

  /** A request (it has an id) learns why it failed; a notification has nobody to tell. */
  private void answerError(String id, String why) {
    if (id == null) {
      System.err.println("orbweaver-mcp: " + why);
      return;
    }
    write(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"error\":{\"code\":-32000,\"message\":"
            + JsonRpc.quote(why)
            + "}}");
  }

  private synchronized void write(String message) {
    out.print(message.replace("\r", "").replace("\n", ""));
    out.print('\n');
    out.flush();
  }

  private static boolean isInitialize(String message) {
    return "\"initialize\"".equals(JsonRpc.topLevel(message, "method"));
  }

  /** Just enough JSON to find a top-level member without a library. */
  static final class JsonRpc {
    private JsonRpc() {}

    /** The raw JSON text of a top-level member of an object, or null. */
    static String topLevel(String json, String name) {
      int[] at = {skipSpace(json, 0)};
      if (at[0] >= json.length() || json.charAt(at[0]) != '{') {
        return null;
      }
      at[0]++;
      while (true) {
        at[0] = skipSpace(json, at[0]);
        if (at[0] >= json.length() || json.charAt(at[0]) == '}') {
          return null;
        }
        int keyStart = at[0];
        int keyEnd = skipValue(json, keyStart);
        String key = json.substring(keyStart, keyEnd);
        at[0] = skipSpace(json, keyEnd);
        if (at[0] >= json.length() || json.charAt(at[0]) != ':') {
          return null;
        }
        int valueStart = skipSpace(json, at[0] + 1);
        int valueEnd = skipValue(json, valueStart);
        if (key.equals("\"" + name + "\"")) {
          return json.substring(valueStart, valueEnd).strip();
        }
        at[0] = skipSpace(json, valueEnd);
        if (at[0] < json.length() && json.charAt(at[0]) == ',') {
          at[0]++;
        }
      }
    }

    private static int skipSpace(String json, int i) {
      while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
        i++;
      }
      return i;
    }

    /** The index just past the value starting at {@code i}. */
    private static int skipValue(String json, int i) {
      if (i >= json.length()) {
        return i;
      }
      char c = json.charAt(i);
      if (c == '"') {
        i++;
        while (i < json.length() && json.charAt(i) != '"') {
          i += json.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, json.length());
      }
      if (c == '{' || c == '[') {
        int depth = 0;
        while (i < json.length()) {
          char d = json.charAt(i);
          if (d == '"') {
            i = skipValue(json, i);
            continue;
          }
          if (d == '{' || d == '[') {
            depth++;
          } else if (d == '}' || d == ']') {
            depth--;
            if (depth == 0) {
              return i + 1;
            }
          }
          i++;
        }
        return i;
      }
      while (i < json.length() && ",}] \t\r\n".indexOf(json.charAt(i)) < 0) {
        i++;
      }
      return i;
    }

    static String quote(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
  }
}
