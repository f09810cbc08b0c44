package dev.orbweaver.common.principal;

import java.util.Set;

/**
 * Who is calling: the account (tenant) and project an API key belongs to, the key itself, the plan
 * and the roles. Carried from the gateway to every service in the internal JWT.
 */
public record Principal(
    long accountId, long projectId, String keyId, String plan, Set<String> roles) {
  public static final String ROLE_USER = "user";
  public static final String ROLE_SERVICE = "service";

  public Principal {
    roles = Set.copyOf(roles);
  }

  public boolean isService() {
    return roles.contains(ROLE_SERVICE);
  }
}
