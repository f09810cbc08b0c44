package dev.orbweaver.gateway.console;

import dev.orbweaver.gateway.console.session.Session;
import io.quarkus.qute.TemplateData;

/**
 * What the layout of every page needs: the section for the navigation, the session's CSRF token
 * (for forms and htmx requests), and who is signed in.
 */
@TemplateData
public record Page(String section, String csrf, String who, boolean operator) {
  public static Page of(String section, Session session) {
    return new Page(
        section,
        session.csrf(),
        session.operator()
            ? "operator"
            : "account " + session.accountId() + " · plan " + session.plan(),
        session.operator());
  }

  /** The sign-in page: nobody yet. */
  public static Page signedOut() {
    return new Page("sign-in", "", "", false);
  }
}
