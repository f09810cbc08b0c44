package dev.orbweaver.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    ClientAddress clients = new ClientAddress(List.of());
    assertThat(clients.resolve("203.0.113.9", "1.2.3.4")).isEqualTo("203.0.113.9");
  }

  @Test
  void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
    ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1/32"));
    assertThat(clients.resolve("10.1.2.3", "198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
    assertThat(clients.resolve("127.0.0.1", "forged, 198.51.100.8")).isEqualTo("198.51.100.8");
    assertThat(clients.resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
  }

  @Test
  void headerValuesAreNeverResolvedAsHostNames() {
    ClientAddress clients = new ClientAddress(List.of("127.0.0.1/32"));
    assertThat(clients.resolve("127.0.0.1", "localhost")).isEqualTo("localhost");
  }
}
