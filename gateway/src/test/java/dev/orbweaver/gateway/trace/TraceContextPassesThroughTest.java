package dev.orbweaver.gateway.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With tracing off (the default: no OTLP collector configured), the gateway is transparent to W3C
 * trace context: a client's traceparent and tracestate reach the service as they were sent, so a
 * traced client and traced services still join one trace across the hop.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class TraceContextPassesThroughTest {
  @LoopbackService.Injected LoopbackService scrapeService;

  @Test
  void theClientsTraceparentAndTracestateReachTheServiceUnchanged() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String requestId = "trace-" + UUID.randomUUID();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    given()
        .header("Authorization", "Bearer " + account.key())
        .header("X-Forwarded-For", TestAccounts.freshClientAddress())
        .header("X-Request-ID", requestId)
        .header("traceparent", traceparent)
        .header("tracestate", "vendor=opaque")
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(200);

    LoopbackService.Seen seen = scrapeService.seen(requestId);
    assertThat(seen.headers().getAll("traceparent")).containsExactly(traceparent);
    assertThat(seen.headers().getAll("tracestate")).containsExactly("vendor=opaque");
  }
}
