package dev.orbweaver.auth.plan;

import dev.orbweaver.common.error.ApiException;
import java.util.Locale;

/** What an account pays for; limits per plan come from configuration. */
public enum Plan {
  FREE,
  LIFETIME,
  SELFHOST;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Plan parse(String value) {
    if (value != null) {
      for (Plan plan : values()) {
        if (plan.wireName().equals(value)) {
          return plan;
        }
      }
    }
    throw ApiException.validation("plan must be one of free, lifetime, selfhost");
  }
}
