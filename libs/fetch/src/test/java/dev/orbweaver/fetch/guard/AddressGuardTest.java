package dev.orbweaver.fetch.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.fixture.MapResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

  private static final MapResolver NAMES =
      new MapResolver(
          Map.of(
              "internal.example", List.of("10.0.0.1"),
              "metadata.example", List.of("169.254.169.254"),
              "mixed.example", List.of("93.184.215.14", "127.0.0.1"),
              "public.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
              "loopback.example", List.of("127.0.0.1")));

  private final AddressGuard strict = new AddressGuard(AllowedPrivateCidrs.none(), NAMES);

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
    // IPv4 in every notation the C resolver and browsers accept
    "127.0.0.1, LOOPBACK",
    "2130706433, LOOPBACK",
    "0177.0.0.1, LOOPBACK",
    "0x7f.0.0.1, LOOPBACK",
    "0x7f000001, LOOPBACK",
    "0x7F.0x0.0x0.0x1, LOOPBACK",
    "127.1, LOOPBACK",
    "127.0.1, LOOPBACK",
    "127.0.0.1., LOOPBACK",
    "017700000001, LOOPBACK",
    // 0.0.0.0/8 reaches the local host on Linux
    "0, UNSPECIFIED",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    // RFC 1918, CGNAT, link-local, multicast, broadcast, reserved
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "0xc0.0xa8.1.1, PRIVATE",
    "100.64.0.1, CARRIER_GRADE_NAT",
    "100.127.255.254, CARRIER_GRADE_NAT",
    "169.254.1.1, LINK_LOCAL",
    "224.0.0.1, MULTICAST",
    "255.255.255.255, BROADCAST",
    "240.0.0.1, RESERVED",
    "192.0.2.1, DOCUMENTATION",
    "198.18.0.1, BENCHMARKING",
    // cloud metadata, including Azure's public wire server and Alibaba's CGNAT address
    "169.254.169.254, CLOUD_METADATA",
    "2852039166, CLOUD_METADATA",
    "169.254.170.2, CLOUD_METADATA",
    "100.100.100.200, CLOUD_METADATA",
    "168.63.129.16, CLOUD_METADATA",
    "[fd00:ec2::254], CLOUD_METADATA",
    // IPv6
    "[::1], LOOPBACK",
    "[0:0:0:0:0:0:0:1], LOOPBACK",
    "[::], UNSPECIFIED",
    "[fe80::1], LINK_LOCAL",
    "[fd12:3456::1], UNIQUE_LOCAL",
    "[fc00::1], UNIQUE_LOCAL",
    "[fec0::1], SITE_LOCAL",
    "[ff02::1], MULTICAST",
    "[2001:db8::1], DOCUMENTATION",
    "[100::1], RESERVED",
    "[::2], UNSPECIFIED",
    // IPv6 forms that carry an IPv4 address are judged by it
    "[::ffff:127.0.0.1], LOOPBACK",
    "[::ffff:7f00:1], LOOPBACK",
    "[::ffff:10.0.0.1], PRIVATE",
    "[::ffff:169.254.169.254], CLOUD_METADATA",
    "[::ffff:0:127.0.0.1], LOOPBACK",
    "[::127.0.0.1], LOOPBACK",
    "[64:ff9b::127.0.0.1], LOOPBACK",
    "[64:ff9b::a00:1], PRIVATE",
    "[64:ff9b::a9fe:a9fe], CLOUD_METADATA",
    "[64:ff9b:1::1], PRIVATE",
    "[2002:7f00:1::], LOOPBACK",
    "[2002:a9fe:a9fe::1], CLOUD_METADATA",
    "[2002:c0a8:101::], PRIVATE",
    "[2001:0:4136:e378:8000:63bf:80ff:fffe], LOOPBACK",
  })
  void refusesEveryNonPublicAddressForm(String host, AddressClass expected) {
    assertThatThrownBy(() -> strict.resolve(host))
        .isInstanceOfSatisfying(
            BlockedAddressException.class, e -> assertThat(e.addressClass()).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0} is public and connects to {1}")
  @CsvSource({
    "93.184.215.14, 93.184.215.14",
    "1572394766, 93.184.215.14",
    "0x5d.0xb8.0xd7.0x0e, 93.184.215.14",
    "[2606:4700:4700::1111], 2606:4700:4700:0:0:0:0:1111",
    "[::ffff:93.184.215.14], 93.184.215.14",
    "[64:ff9b::5db8:d70e], 64:ff9b:0:0:0:0:5db8:d70e",
    "[2002:5db8:d70e::1], 2002:5db8:d70e:0:0:0:0:1",
  })
  void letsPublicAddressesThroughAndConnectsToTheOneItVetted(String host, String connectTo)
      throws UnknownHostException {
    assertThat(strict.resolve(host))
        .extracting(InetAddress::getHostAddress)
        .containsExactly(connectTo);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3.256", "0x100.0.0.1", "1.2.3.4.5", "example.123", "example.0x1f", "08.0.0.1"})
  void refusesHostsThatEndInANumberButAreNoAddress(String host) {
    assertThatThrownBy(() -> strict.resolve(host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends in a number");
  }

  @Test
  void refusesANameThatResolvesToAPrivateAddress() {
    assertThatThrownBy(() -> strict.resolve("internal.example"))
        .isInstanceOfSatisfying(
            BlockedAddressException.class,
            e -> {
              assertThat(e.addressClass()).isEqualTo(AddressClass.PRIVATE);
              assertThat(e.getMessage())
                  .isEqualTo("refusing internal.example (10.0.0.1): private (RFC 1918) address");
            });
    assertThatThrownBy(() -> strict.resolve("metadata.example"))
        .isInstanceOfSatisfying(
            BlockedAddressException.class,
            e -> assertThat(e.addressClass()).isEqualTo(AddressClass.CLOUD_METADATA));
  }

  @Test
  void refusesANameWhenAnyOfItsAddressesIsPrivate() {
    assertThatThrownBy(() -> strict.resolve("mixed.example"))
        .isInstanceOfSatisfying(
            BlockedAddressException.class,
            e -> assertThat(e.address().getHostAddress()).isEqualTo("127.0.0.1"));
  }

  @Test
  void resolvedAddressesCarryTheNameForTls() throws UnknownHostException {
    List<InetAddress> addresses = strict.resolve("public.example");
    assertThat(addresses).extracting(InetAddress::getHostName).containsOnly("public.example");
    assertThat(addresses)
        .extracting(InetAddress::getHostAddress)
        .containsExactly("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
  }

  @Test
  void refusesLocalhostThroughTheSystemResolver() {
    AddressGuard system = new AddressGuard(AllowedPrivateCidrs.none(), HostResolver.system());
    assertThatThrownBy(() -> system.resolve("localhost"))
        .isInstanceOfSatisfying(
            BlockedAddressException.class,
            e -> assertThat(e.addressClass()).isEqualTo(AddressClass.LOOPBACK));
  }

  @Test
  void allowsExactlyTheOperatorsRangesAndNothingElsePrivate() throws UnknownHostException {
    AddressGuard guard = new AddressGuard(AllowedPrivateCidrs.parse("127.0.0.0/8"), NAMES);

    assertThat(guard.resolve("127.0.0.1"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
    assertThat(guard.resolve("0x7f.1"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
    assertThat(guard.resolve("[::ffff:127.0.0.1]"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
    assertThat(guard.resolve("loopback.example"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
    assertThatThrownBy(() -> guard.resolve("internal.example"))
        .isInstanceOf(BlockedAddressException.class);
    assertThatThrownBy(() -> guard.resolve("192.168.0.1"))
        .isInstanceOf(BlockedAddressException.class);
    assertThatThrownBy(() -> guard.resolve("[::1]")).isInstanceOf(BlockedAddressException.class);
  }

  @Test
  void allowsLocalhostOnlyWhenLoopbackIsAllowed() throws UnknownHostException {
    AddressGuard guard =
        new AddressGuard(AllowedPrivateCidrs.parse("127.0.0.0/8,::1/128"), HostResolver.system());
    assertThat(guard.resolve("localhost"))
        .extracting(InetAddress::getHostAddress)
        .allMatch(a -> a.equals("127.0.0.1") || a.equals("0:0:0:0:0:0:0:1"));
  }

  @Test
  void neverAllowsCloudMetadataEvenInsideAnAllowedRange() throws UnknownHostException {
    AddressGuard guard =
        new AddressGuard(AllowedPrivateCidrs.parse("169.254.0.0/16, 0.0.0.0/0, fd00::/8"), NAMES);

    assertThat(guard.resolve("169.254.1.1")).hasSize(1);
    assertThat(guard.resolve("10.0.0.1")).hasSize(1);
    assertThatThrownBy(() -> guard.resolve("169.254.169.254"))
        .isInstanceOfSatisfying(
            BlockedAddressException.class,
            e -> assertThat(e.addressClass()).isEqualTo(AddressClass.CLOUD_METADATA));
    assertThatThrownBy(() -> guard.resolve("[fd00:ec2::254]"))
        .isInstanceOf(BlockedAddressException.class);
    assertThatThrownBy(() -> guard.resolve("[::ffff:169.254.169.254]"))
        .isInstanceOf(BlockedAddressException.class);
  }

  @Test
  void reportsAnUnknownNameAsUnresolvable() {
    assertThatThrownBy(() -> strict.resolve("nowhere.example"))
        .isInstanceOf(UnknownHostException.class)
        .isNotInstanceOf(BlockedAddressException.class);
  }
}
