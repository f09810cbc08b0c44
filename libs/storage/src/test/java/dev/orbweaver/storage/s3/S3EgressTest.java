package dev.orbweaver.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.BlockedAddressException;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import dev.orbweaver.storage.fixture.S3ProxyServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer's S3 endpoint (R2, MinIO) passes the SSRF guard; the platform's own store is trusted.
 * Every refused connection here is refused before anything is sent.
 */
class S3EgressTest {

  private static S3ProxyServer server;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start();
    try (S3ObjectStore platform = store(server.endpoint(), Egress.trusted())) {
      platform.ensureBucket();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theTrustedPlatformStoreReachesLoopback() {
    try (S3ObjectStore platform = store(server.endpoint(), Egress.trusted())) {
      platform.put("trusted", new byte[] {1}, "text/plain");
      assertThat(platform.get("trusted")).isPresent();
    }
  }

  @Test
  void aCustomerEndpointOnLoopbackIsRefused() {
    try (S3ObjectStore customer =
        store(server.endpoint(), Egress.guarded(AllowedPrivateCidrs.none()))) {

      assertThatThrownBy(() -> customer.put("x", new byte[] {1}, "text/plain"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(e.getMessage()).contains("127.0.0.1").contains("loopback");
              });
    }
  }

  @Test
  void aCustomerEndpointNamedForLoopbackIsRefused() {
    AddressGuard guard =
        new AddressGuard(AllowedPrivateCidrs.none(), resolving("minio.customer.test", "127.0.0.1"));
    URI endpoint = URI.create("http://minio.customer.test:" + server.port());
    try (S3ObjectStore customer = store(endpoint, Egress.guarded(guard))) {

      assertThatThrownBy(() -> customer.get("x"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(e.getMessage()).contains("minio.customer.test").contains("loopback");
              });
    }
  }

  @Test
  void anEndpointInTheOperatorsAllowedRangesConnectsToTheVettedAddress() {
    // The name exists only in the guard's resolver: the request can only succeed if the client
    // connects to the address the guard handed it.
    AddressGuard guard =
        new AddressGuard(
            AllowedPrivateCidrs.of("127.0.0.0/8"), resolving("minio.customer.test", "127.0.0.1"));
    URI endpoint = URI.create("http://minio.customer.test:" + server.port());
    try (S3ObjectStore customer = store(endpoint, Egress.guarded(guard))) {
      customer.put("allowed", new byte[] {7}, "text/plain");

      assertThat(customer.get("allowed").orElseThrow().content()).containsExactly(7);
    }
  }

  @Test
  void metadataAddressesAreRefusedEvenInsideAllowedRanges() {
    Egress egress = Egress.guarded(AllowedPrivateCidrs.of("169.254.0.0/16", "127.0.0.0/8"));

    assertThatThrownBy(() -> egress.resolve("169.254.169.254"))
        .isInstanceOf(BlockedAddressException.class)
        .hasMessageContaining("metadata");
    assertThatThrownBy(() -> egress.resolve("[::ffff:169.254.169.254]"))
        .isInstanceOf(BlockedAddressException.class);
  }

  private static S3ObjectStore store(URI endpoint, Egress egress) {
    return new S3ObjectStore(
        S3Settings.of(
            endpoint,
            "us-east-1",
            "egress-test",
            S3ProxyServer.ACCESS_KEY,
            S3ProxyServer.SECRET_KEY),
        egress);
  }

  private static dev.orbweaver.fetch.guard.HostResolver resolving(String name, String address) {
    return host -> {
      if (host.equals(name)) {
        return List.of(InetAddress.getByName(address));
      }
      throw new UnknownHostException(host);
    };
  }
}
