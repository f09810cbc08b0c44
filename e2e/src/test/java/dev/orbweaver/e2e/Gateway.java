package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests through the gateway, each test posing as its own client address. */
final class Gateway {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private Gateway() {}

  /** A request from a fresh client address, so that tests never share a burst window. */
  static RequestSpecification as(Platform platform, String key) {
    return anonymous(platform).header("Authorization", "Bearer " + key);
  }

  static RequestSpecification anonymous(Platform platform) {
    return from(platform, newClientAddress());
  }

  static RequestSpecification from(Platform platform, String clientAddress) {
    return given().baseUri(platform.gatewayUrl()).header("X-Forwarded-For", clientAddress);
  }

  static String newClientAddress() {
    int n = CLIENTS.incrementAndGet();
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }
}
