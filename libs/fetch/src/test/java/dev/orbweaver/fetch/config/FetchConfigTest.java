package dev.orbweaver.fetch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.UserAgents;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchConfigTest {

  @Test
  void defaultsRefuseEverythingPrivateAndRotateBrowserAgents() {
    FetchSettings settings = config(Map.of()).toSettings();

    assertThat(settings.allowedPrivateCidrs().isEmpty()).isTrue();
    assertThat(settings.userAgents()).isEqualTo(UserAgents.browsers());
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(settings.maxRedirects()).isEqualTo(10);
  }

  @Test
  void readsTheOperatorsSettings() throws Exception {
    FetchSettings settings =
        config(
                Map.of(
                    "orbweaver.fetch.allowed-private-cidrs", "10.0.0.0/8, fd00::/8",
                    "orbweaver.fetch.total-timeout", "PT15S",
                    "orbweaver.fetch.max-body-bytes", "2048",
                    "orbweaver.fetch.user-agent", "OrbweaverBot/1.0 (+https://orbweaver.dev/bot)"))
            .toSettings();

    assertThat(settings.allowedPrivateCidrs().allows(InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(settings.allowedPrivateCidrs().allows(InetAddress.getByName("192.168.0.1")))
        .isFalse();
    assertThat(settings.totalTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.maxBodyBytes()).isEqualTo(2048);
    assertThat(settings.userAgents().pool())
        .containsExactly("OrbweaverBot/1.0 (+https://orbweaver.dev/bot)");
  }

  @Test
  void namesTheSettingWhenACidrIsMalformed() {
    FetchConfig config =
        config(Map.of("orbweaver.fetch.allowed-private-cidrs", "10.0.0.0/8,10.0.0.0/40"));

    assertThatThrownBy(config::toSettings)
        .hasMessageContaining("ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS")
        .hasMessageContaining("'10.0.0.0/40'");
  }

  private static FetchConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .withMapping(FetchConfig.class)
            .build();
    return config.getConfigMapping(FetchConfig.class);
  }
}
