package dev.orbweaver.gateway.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With tracing on (an OTLP collector configured in production), the gateway continues the client's
 * trace: after verifying the key and reserving quota, it forwards exactly one traceparent, with the
 * client's trace id and the gateway's own span as parent, so the hop shows in the trace.
 */
@QuarkusTest
@TestProfile(TraceContextContinuesTest.TracingOn.class)
class TraceContextContinuesTest {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CLIENT_SPAN = "00f067aa0ba902b7";

  @LoopbackService.Injected LoopbackService scrapeService;

  @Test
  void theServiceSeesTheClientsTraceContinuedByTheGatewaysSpan() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String requestId = "trace-" + UUID.randomUUID();

    given()
        .header("Authorization", "Bearer " + account.key())
        .header("X-Forwarded-For", TestAccounts.freshClientAddress())
        .header("X-Request-ID", requestId)
        .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
        .header("tracestate", "vendor=opaque")
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(200);

    LoopbackService.Seen seen = scrapeService.seen(requestId);
    List<String> traceparents = seen.headers().getAll("traceparent");
    assertThat(traceparents).as("one trace context, not the client's and the gateway's").hasSize(1);
    String[] parts = traceparents.getFirst().split("-");
    assertThat(parts[0]).isEqualTo("00");
    assertThat(parts[1]).as("the client's trace").isEqualTo(TRACE_ID);
    assertThat(parts[2]).as("the gateway's span").matches("[0-9a-f]{16}").isNotEqualTo(CLIENT_SPAN);
    assertThat(parts[3]).as("still sampled").isEqualTo("01");
    assertThat(seen.headers().getAll("tracestate")).containsExactly("vendor=opaque");
  }

  /** Tracing on, spans kept in the process: no collector runs in tests. */
  public static class TracingOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(AuthServiceProcess.class),
          new TestResourceEntry(LoopbackService.class));
    }
  }
}
