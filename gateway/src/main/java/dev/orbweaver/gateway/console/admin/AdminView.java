package dev.orbweaver.gateway.console.admin;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** The operator's page: accounts, the plan catalogue, and an account just opened. */
@TemplateData
public record AdminView(
    List<Account> accounts, Long nextAfter, List<Plan> plans, Opened opened, String error) {

  @TemplateData
  public record Account(long id, String name, String plan, String status, String created) {}

  /** A plan's limits, as text per resource. */
  @TemplateData
  public record Plan(String name, List<String> quotas, List<String> concurrency, String credits) {}

  /** A new account and its first key, shown this once. */
  @TemplateData
  public record Opened(long id, String name, String plan, String key) {}
}
