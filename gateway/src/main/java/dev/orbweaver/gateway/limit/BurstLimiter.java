package dev.orbweaver.gateway.limit;

import dev.orbweaver.gateway.route.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Caps bursts per client on metered and burst-limited routes: a fixed one-minute window counted in
 * Redis, so that every gateway replica shares the count. A client is an IPv4 address or an IPv6
 * /64, the smallest network a provider hands out: counting IPv6 addresses apart would give one host
 * 2^64 buckets. When Redis is down the limiter lets calls through: quotas, which live in
 * PostgreSQL, still hold.
 */
@ApplicationScoped
public class BurstLimiter {
  static final long WINDOW_SECONDS = 60;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Hex digits, colons and dots, starting with a hex digit or colon: parsed, never resolved. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private static final String COUNT =
      "local n = redis.call('INCR', KEYS[1]) "
          + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
          + "return n";

  private final RedisAPI redis;
  private final Clock clock;
  private final int limit;

  @Inject
  public BurstLimiter(RedisAPI redis, Clock clock, GatewayConfig config) {
    this(redis, clock, config.burstLimitPerMinute());
  }

  BurstLimiter(RedisAPI redis, Clock clock, int limit) {
    this.redis = redis;
    this.clock = clock;
    this.limit = limit;
  }

  public Future<Decision> admit(String client) {
    long now = clock.instant().getEpochSecond();
    long window = now / WINDOW_SECONDS;
    long retryAfter = (window + 1) * WINDOW_SECONDS - now;
    String key = "gateway:burst:" + bucket(client) + ":" + window;
    return redis
        .eval(List.of(COUNT, "1", key, Long.toString(WINDOW_SECONDS + 1)))
        .map(count -> new Decision(count.toLong() <= limit, limit, retryAfter))
        .otherwise(new Decision(true, limit, retryAfter));
  }

  /**
   * The bucket a client address counts in: an IPv4 address as it is, also when written IPv4-mapped
   * ({@code ::ffff:198.51.100.7}); an IPv6 address as its /64; anything that is no IP literal as it
   * is.
   */
  static String bucket(String client) {
    if (client.indexOf(':') < 0) {
      return IPV4.matcher(client).matches() ? ipv4(client) : client;
    }
    if (!IPV6.matcher(client).matches()) {
      return client;
    }
    byte[] address;
    try {
      // With a colon and only hex digits, colons and dots this is parsed as a literal or refused;
      // it is never looked up.
      address = InetAddress.getByName(client).getAddress();
    } catch (UnknownHostException e) {
      return client;
    }
    if (address.length == 4) { // IPv4-mapped
      return (address[0] & 0xFF)
          + "."
          + (address[1] & 0xFF)
          + "."
          + (address[2] & 0xFF)
          + "."
          + (address[3] & 0xFF);
    }
    StringBuilder network = new StringBuilder();
    for (int group = 0; group < 4; group++) {
      network.append(
          Integer.toHexString((address[2 * group] & 0xFF) << 8 | address[2 * group + 1] & 0xFF));
      network.append(':');
    }
    return network.append(":/64").toString();
  }

  /** A dotted quad without leading zeros, or the text as it came when an octet is over 255. */
  private static String ipv4(String text) {
    StringBuilder out = new StringBuilder();
    for (String octet : text.split("\\.")) {
      int value = Integer.parseInt(octet);
      if (value > 255) {
        return text;
      }
      out.append(out.isEmpty() ? "" : ".").append(value);
    }
    return out.toString();
  }

  /** Whether a call may pass, the limit, and the seconds until the window ends. */
  public record Decision(boolean allowed, int limit, long retryAfter) {}
}
