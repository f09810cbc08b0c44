package dev.orbweaver.auth.account;

import dev.orbweaver.auth.plan.Plan;
import java.time.Instant;

/** A tenant. Disabled accounts keep their data but every key of theirs is refused. */
public record Account(long id, String name, Plan plan, String status, Instant createdAt) {
  public static final String ACTIVE = "active";
  public static final String DISABLED = "disabled";

  public boolean active() {
    return ACTIVE.equals(status);
  }
}
