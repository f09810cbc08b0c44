package dev.orbweaver.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as the console shows them: UTC, to the minute. */
public final class Dates {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Dates() {}

  /** An ISO instant from an API answer; "—" when absent. */
  public static String minute(JsonNode instant) {
    if (instant == null || instant.isNull() || instant.isMissingNode()) {
      return "—";
    }
    try {
      return MINUTE.format(Instant.parse(instant.asText()));
    } catch (DateTimeParseException e) {
      return instant.asText();
    }
  }

  /** A date from epoch seconds. */
  public static String day(long epochSeconds) {
    return DAY.format(Instant.ofEpochSecond(epochSeconds));
  }
}
