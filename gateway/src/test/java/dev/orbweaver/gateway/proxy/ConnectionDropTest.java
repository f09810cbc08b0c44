package dev.orbweaver.gateway.proxy;

import static dev.orbweaver.gateway.support.GatewayClient.awaitCounter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.GatewayClient;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a call costs when its client goes away: charged once the service has answered 2xx (it did
 * the work), free and not forwarded when the client left before the gateway forwarded it.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class ConnectionDropTest {
  private static final String BODY = "{\"url\":\"https://example.com\"}";

  @LoopbackService.Injected LoopbackService scrapeService;
  @Inject MeterRegistry metrics;

  @Test
  void aClientThatResetsAfterTheServiceTookTheCallIsCharged() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    String id = UUID.randomUUID().toString();
    try (Socket socket = GatewayClient.open()) {
      post(socket, "/v1/scrape/hold?id=" + id, account, "hold-" + id);
      scrapeService.arrived(id).get(10, TimeUnit.SECONDS);
      GatewayClient.reset(socket);
    }
    scrapeService.release(id); // the service answers 200 to a client that is gone

    awaitCounter(account.key(), "scrape", 1, 0);
  }

  @Test
  void aClientGoneBeforeTheForwardIsNotForwardedAndNotCharged() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free"); // a key the gateway has not cached
    String requestId = "gone-" + UUID.randomUUID();
    double goneBefore = gone();
    try (Socket socket = GatewayClient.open()) {
      // The key check and the reservation are each a round trip to auth-service: the reset
      // arrives long before the gateway could forward.
      post(socket, "/v1/scrape", account, requestId);
      GatewayClient.reset(socket);
    }

    Instant deadline = Instant.now().plusSeconds(10);
    while (gone() == goneBefore && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(gone()).isEqualTo(goneBefore + 1);
    assertThat(scrapeService.seen(requestId)).isNull();
    awaitCounter(account.key(), "scrape", 0, 0);
  }

  /** Calls to scrape-v1 whose client left before they were forwarded (counted as 499). */
  private double gone() {
    var counter =
        metrics
            .find("orbweaver.gateway.requests")
            .tag("route", "scrape-v1")
            .tag("status", "499")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static void post(Socket socket, String path, TestAccounts.Opened account, String id)
      throws Exception {
    GatewayClient.head(
        socket,
        "POST " + path,
        account.key(),
        TestAccounts.freshClientAddress(),
        "X-Request-ID: "
            + id
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + BODY.length()
            + "\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(BODY.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
