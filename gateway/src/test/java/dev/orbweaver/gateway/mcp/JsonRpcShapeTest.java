package dev.orbweaver.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which posted bodies the MCP server may read, and the JSON-RPC error of those it may not. */
class JsonRpcShapeTest {
  private static java.util.Optional<JsonRpcShape.Refusal> check(String body) {
    return JsonRpcShape.check(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wellFormedMessagesAndBatchesPass() {
    assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).isEmpty();
    assertThat(
            check(
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"releases\"}}"))
        .isEmpty();
    assertThat(check("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")).isEmpty();
    assertThat(check("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")).isEmpty();
  }

  @Test
  void bodiesThatAreNotJsonAreLeftToTheServersParseError() {
    assertThat(check("{\"jsonrpc\": ")).isEmpty();
    assertThat(check("")).isEmpty();
  }

  @Test
  void aRefusalCarriesTheRequestsIdWhenItHasAUsableOne() {
    var refusal =
        check(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}")
            .orElseThrow();
    assertThat(refusal.code()).isEqualTo(JsonRpcShape.INVALID_PARAMS);
    assertThat(refusal.body().toString())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,"
                + "\"message\":\"tools/call needs params.name, a string.\"}}");
    assertThat(check("{\"id\":{},\"method\":\"ping\"}").orElseThrow().body().get("id").isNull())
        .isTrue();
    assertThat(check("[{\"id\":1,\"method\":\"ping\",\"params\":[]}]").orElseThrow().id().isNull())
        .isTrue();
  }
}
