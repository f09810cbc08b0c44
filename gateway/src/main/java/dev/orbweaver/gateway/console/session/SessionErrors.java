package dev.orbweaver.gateway.console.session;

import dev.orbweaver.gateway.console.ConsoleTemplates;
import dev.orbweaver.gateway.console.Page;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the console answers a request without a session or without its CSRF token. */
public class SessionErrors {
  /** To the sign-in page; htmx follows {@code HX-Redirect} with a full page load. */
  @ServerExceptionMapper
  public Response signIn(SignInRequired e) {
    if (e.htmx()) {
      return Response.ok().header("HX-Redirect", "/console/sign-in").build();
    }
    return Response.seeOther(URI.create("/console/sign-in")).build();
  }

  @ServerExceptionMapper
  public Response csrf(CsrfRefused e) {
    return Response.status(403)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(
            ConsoleTemplates.problem(
                    Page.signedOut(),
                    403,
                    "This form did not come from a console page of this session. Reload the page"
                        + " and try again.")
                .render())
        .build();
  }
}
