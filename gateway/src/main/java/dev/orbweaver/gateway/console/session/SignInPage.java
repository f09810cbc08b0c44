package dev.orbweaver.gateway.console.session;

import dev.orbweaver.gateway.auth.Caller;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.ConsoleApi;
import dev.orbweaver.gateway.console.ConsoleTemplates;
import dev.orbweaver.gateway.console.Page;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;

/**
 * Signing in and out. A customer signs in with one of their API keys, the operator with the admin
 * token; either is checked before a session is opened, and only the session's random id goes to the
 * browser.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
  private final ConsoleSessions sessions;
  private final KeyVerifier keys;
  private final PublicApi api;
  private final ConsoleApi console;
  private final ConsoleGuard guard;

  @Inject
  public SignInPage(
      ConsoleSessions sessions,
      KeyVerifier keys,
      PublicApi api,
      ConsoleApi console,
      ConsoleGuard guard) {
    this.guard = guard;
    this.sessions = sessions;
    this.keys = keys;
    this.api = api;
    this.console = console;
  }

  @GET
  public Response home(@BeanParam ConsoleRequest request) {
    return ConsoleGuard.await(sessions.find(request.session))
        .map(s -> see(s.operator() ? "/console/admin" : "/console/keys"))
        .orElseGet(() -> see("/console/sign-in"));
  }

  @GET
  @Path("sign-in")
  public Response form() {
    return Response.ok(ConsoleTemplates.signIn(Page.signedOut(), null, null)).build();
  }

  @POST
  @Path("sign-in")
  public Response signIn(@FormParam("key") String key, @Context HttpServerRequest http) {
    if (key == null || key.isBlank()) {
      return refused("Paste one of your API keys (it starts with ow_live_).", null);
    }
    Caller caller;
    try {
      caller = ConsoleGuard.await(keys.verify(key.strip()));
    } catch (KeyVerifier.KeyRefused e) {
      return refused("This key is unknown, revoked, or its account is disabled.", null);
    } catch (IllegalStateException e) {
      return refused("Keys cannot be checked right now; try again in a moment.", null);
    }
    Session session =
        ConsoleGuard.await(
            sessions.open(Session.Kind.USER, key.strip(), caller.accountId(), caller.plan()));
    return signedIn(session, http, "/console/keys");
  }

  @POST
  @Path("operator/sign-in")
  public Response operatorSignIn(
      @FormParam("token") String token, @Context HttpServerRequest http) {
    if (token == null || token.isBlank()) {
      return refused(null, "Paste the operator's admin token.");
    }
    // The admin API itself decides: the plan catalogue is the cheapest thing it answers.
    PublicApi.Answer answer =
        api.call(
            console.presented(token.strip()),
            io.vertx.core.http.HttpMethod.GET,
            "/admin/v1/plans",
            null);
    if (!answer.ok()) {
      return refused(
          null,
          answer.status() == 401 || answer.status() == 403
              ? "This is not the admin token."
              : ConsoleApi.problem(answer));
    }
    Session session =
        ConsoleGuard.await(sessions.open(Session.Kind.OPERATOR, token.strip(), 0, "operator"));
    return signedIn(session, http, "/console/admin");
  }

  /** Sign-out is a form too, CSRF-checked: another site must not sign the browser out. */
  @POST
  @Path("sign-out")
  public Response signOut(@BeanParam ConsoleRequest request, @Context HttpServerRequest http) {
    if (ConsoleGuard.await(sessions.find(request.session)).isPresent()) {
      Session session = guard.posted(request);
      ConsoleGuard.await(sessions.close(session.id()));
    }
    return Response.seeOther(URI.create("/console/sign-in"))
        .cookie(cookie("", http, Duration.ZERO))
        .build();
  }

  private Response signedIn(Session session, HttpServerRequest http, String to) {
    return Response.seeOther(URI.create(to))
        .cookie(cookie(session.id(), http, sessions.ttl()))
        .build();
  }

  private static Response refused(String keyError, String operatorError) {
    return Response.status(401)
        .entity(ConsoleTemplates.signIn(Page.signedOut(), keyError, operatorError))
        .build();
  }

  private static Response see(String path) {
    return Response.seeOther(URI.create(path)).build();
  }

  /** Secure when the browser came over HTTPS (directly or through a TLS-terminating proxy). */
  static NewCookie cookie(String value, HttpServerRequest http, Duration maxAge) {
    boolean https =
        "https".equalsIgnoreCase(http.scheme())
            || "https".equalsIgnoreCase(http.getHeader("X-Forwarded-Proto"));
    return new NewCookie.Builder(ConsoleGuard.COOKIE)
        .value(value)
        .path("/console")
        .httpOnly(true)
        .secure(https)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge((int) maxAge.toSeconds())
        .build();
  }
}
