package dev.orbweaver.gateway.console.session;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;

/**
 * What every console request may carry for the guard: the session cookie, and the CSRF token as a
 * form field (plain forms) or a header (htmx requests, through {@code hx-headers}).
 */
public class ConsoleRequest {
  @CookieParam(ConsoleGuard.COOKIE)
  String session;

  @HeaderParam(ConsoleGuard.CSRF_HEADER)
  String csrfHeader;

  @FormParam(ConsoleGuard.CSRF_FIELD)
  String csrfField;

  @HeaderParam("HX-Request")
  String htmx;

  public boolean htmx() {
    return "true".equals(htmx);
  }
}
