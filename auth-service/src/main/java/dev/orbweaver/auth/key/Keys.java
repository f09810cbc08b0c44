package dev.orbweaver.auth.key;

import dev.orbweaver.auth.account.AccountRepository;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The rules of API keys: at most ten active per account, secret shown once, revocation final. */
@ApplicationScoped
public class Keys {
  public static final int MAX_ACTIVE = 10;
  private static final int MAX_LABEL = 100;

  private final Jdbc jdbc;
  private final KeyRepository keys;
  private final AccountRepository accounts;
  private final KeyUsage usage;
  private final Clock clock;

  @Inject
  public Keys(
      DataSource dataSource,
      KeyRepository keys,
      AccountRepository accounts,
      KeyUsage usage,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.keys = keys;
    this.accounts = accounts;
    this.usage = usage;
    this.clock = clock;
  }

  /** A new key in the caller's project, made with a key the account still holds. */
  public NewKey create(Principal caller, String label) {
    String cleanLabel = validLabel(label);
    return jdbc.inTransaction(
        c -> {
          requireLiveKey(c, caller);
          if (!accounts.ownsProject(c, caller.accountId(), caller.projectId())) {
            throw ApiException.notFound("No such project.");
          }
          return create(c, caller.accountId(), caller.projectId(), cleanLabel);
        });
  }

  /**
   * Creates a key inside a caller's transaction (the admin API makes an account and its key at
   * once).
   */
  public NewKey create(Connection c, long accountId, long projectId, String label)
      throws SQLException {
    // The account row lock makes "count, then insert" safe against concurrent creations.
    accounts.lock(c, accountId).orElseThrow(() -> ApiException.notFound("No such account."));
    if (keys.countActive(c, accountId) >= MAX_ACTIVE) {
      throw ApiException.validation(
          "An account may have at most " + MAX_ACTIVE + " active keys; revoke one first.");
    }
    String secret = ApiKeys.newKey();
    String id = Ids.prefixed("key", 16);
    Instant now = clock.instant();
    String prefix = ApiKeys.displayPrefix(secret);
    keys.insert(c, id, accountId, projectId, ApiKeys.sha256(secret), prefix, label, now);
    return new NewKey(id, secret, prefix, label, now);
  }

  public List<ApiKey> list(Principal caller) {
    return jdbc.withConnection(
        c -> {
          requireLiveKey(c, caller);
          return keys.listActive(c, caller.accountId());
        });
  }

  /** Revokes one of the caller's account's keys; another account's key is not found. */
  public void revoke(Principal caller, String keyId) {
    boolean revoked =
        jdbc.withConnection(
            c -> {
              requireLiveKey(c, caller);
              return keys.revoke(c, caller.accountId(), keyId, clock.instant());
            });
    if (!revoked) {
      throw ApiException.notFound("No such key.");
    }
  }

  /** The owner of a key by its hash, or empty for unknown, revoked or disabled. */
  public Optional<KeyOwner> verify(byte[] hash) {
    Optional<KeyOwner> owner = jdbc.withConnection(c -> keys.owner(c, hash));
    owner.ifPresent(o -> usage.used(o.keyId()));
    return owner;
  }

  /**
   * A user JWT outlives the gateway's key cache by minutes; managing keys must not, so the key the
   * token names has to be live right now.
   */
  private void requireLiveKey(Connection c, Principal caller) throws SQLException {
    if (!keys.live(c, caller.accountId(), caller.keyId())) {
      throw new ApiException(
          ErrorKind.AUTH_INVALID, "This key was revoked or its account is disabled.");
    }
  }

  static String validLabel(String label) {
    if (label == null || label.isBlank()) {
      throw ApiException.validation("label is required, e.g. \"production\" or \"n8n-bot\".");
    }
    String trimmed = label.strip();
    if (trimmed.length() > MAX_LABEL) {
      throw ApiException.validation("label must be at most " + MAX_LABEL + " characters.");
    }
    return trimmed;
  }
}
