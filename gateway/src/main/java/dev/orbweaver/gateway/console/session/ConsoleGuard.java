package dev.orbweaver.gateway.console.session;

import dev.orbweaver.gateway.auth.KeyVerifier;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who a console request comes from. Pages ask for {@link #signedIn}, state-changing requests for
 * {@link #posted} (which also checks the CSRF token). A customer's key is checked again on every
 * request (through the gateway's 3-second key cache), so a revoked key ends its session at once.
 */
@ApplicationScoped
public class ConsoleGuard {
  /** The session cookie: a random id, HttpOnly, SameSite=Strict, Path=/console. */
  public static final String COOKIE = "ow_console";

  public static final String CSRF_FIELD = "csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final ConsoleSessions sessions;
  private final KeyVerifier keys;

  @Inject
  public ConsoleGuard(ConsoleSessions sessions, KeyVerifier keys) {
    this.sessions = sessions;
    this.keys = keys;
  }

  /** The live session of a page request; {@link SignInRequired} when there is none. */
  public Session signedIn(ConsoleRequest request) {
    Session session =
        await(sessions.find(request.session)).orElseThrow(() -> new SignInRequired(request.htmx()));
    if (session.kind() == Session.Kind.USER && revoked(session)) {
      await(sessions.close(session.id()));
      throw new SignInRequired(request.htmx());
    }
    return session;
  }

  /** The live session of a state-changing request whose CSRF token matches the session's. */
  public Session posted(ConsoleRequest request) {
    Session session = signedIn(request);
    String presented = request.csrfHeader != null ? request.csrfHeader : request.csrfField;
    if (presented == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            session.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw new CsrfRefused();
    }
    return session;
  }

  /** A customer's page: the operator has no keys, crawls or backlinks of their own. */
  public Session customer(ConsoleRequest request) {
    return customer(signedIn(request), request);
  }

  public Session customer(Session session, ConsoleRequest request) {
    if (session.operator()) {
      throw new SignInRequired(request.htmx());
    }
    return session;
  }

  /** The operator's page; a customer must sign in with the admin token first. */
  public Session operator(Session session, ConsoleRequest request) {
    if (!session.operator()) {
      throw new SignInRequired(request.htmx());
    }
    return session;
  }

  /** A customer's session whose key auth-service refuses now; trouble asking is not a refusal. */
  private boolean revoked(Session session) {
    try {
      await(keys.verify(session.credential()));
      return false;
    } catch (KeyVerifier.KeyRefused e) {
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** Waits for a Vert.x future on the worker thread that serves the page. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within 15 s", e);
    }
  }

  /** For the event stream's route, which has no worker thread to wait on. */
  public Future<Optional<Session>> find(String sessionId) {
    return sessions.find(sessionId);
  }
}
