package dev.orbweaver.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the service under test ({@code /q/health}, {@code /q/metrics}, {@code
 * /q/openapi}): a port of its own, free in tests ({@code quarkus.management.test-port=0}), which
 * Quarkus records under that key once the server listens.
 */
public final class ManagementInterface {
  private ManagementInterface() {}

  /** The port the running test application's management interface listens on. */
  public static int port() {
    return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
  }

  /** A REST Assured request to the management interface instead of the application's port. */
  public static RequestSpecification given() {
    return RestAssured.given().port(port());
  }
}
