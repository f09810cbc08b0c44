package dev.orbweaver.fetch.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedPrivateCidrsTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", " , ,"})
  void emptyMeansNothingIsAllowed(String value) throws Exception {
    AllowedPrivateCidrs allowed = AllowedPrivateCidrs.parse(value);
    assertThat(allowed.isEmpty()).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void parsesIpv4AndIpv6RangesAndBareAddresses() throws Exception {
    AllowedPrivateCidrs allowed =
        AllowedPrivateCidrs.parse(" 10.1.2.3/8 ,fd00::/8, 192.168.1.7,::1");

    assertThat(allowed.toString())
        .isEqualTo("10.0.0.0/8,fd00:0:0:0:0:0:0:0/8,192.168.1.7/32,0:0:0:0:0:0:0:1/128");
    assertThat(allowed.allows(InetAddress.getByName("10.200.0.1"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(allowed.allows(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("fe80::1"))).isFalse();
    assertThat(allowed.allows(InetAddress.getByName("192.168.1.7"))).isTrue();
    assertThat(allowed.allows(InetAddress.getByName("192.168.1.8"))).isFalse();
    assertThat(allowed.allows(InetAddress.getByName("::1"))).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "10.0.0.0/33 | prefix length 33 is above 32",
        "fd00::/129 | prefix length 129 is above 128",
        "10.0.0.0/ | prefix length '' is not a number",
        "10.0.0.0/x | prefix length 'x' is not a number",
        "example.com/8 | 'example.com' is not an IP address",
        "010.0.0.0/8 | '010.0.0.0' is not an IP address",
        "10.0.0/8 | '10.0.0' is not an IP address",
        "256.0.0.0/8 | '256.0.0.0' is not an IP address",
      })
  void refusesMalformedEntriesNamingTheSettingAndTheEntry(String entry, String why) {
    assertThatThrownBy(() -> AllowedPrivateCidrs.parse("127.0.0.0/8," + entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "orbweaver.fetch.allowed-private-cidrs (ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS): '"
                + entry
                + "' is not a CIDR: ")
        .hasMessageContaining(why);
  }
}
