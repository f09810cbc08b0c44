package dev.orbweaver.scrape.scrape;

import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.render.Screenshot;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;

/** Screenshots returned in the document itself, as {@code data:image/png;base64,…} URLs. */
@ApplicationScoped
@DefaultBean
public class InlineScreenshots implements Screenshots {

  @Override
  public String link(Principal owner, Screenshot screenshot) {
    return "data:"
        + screenshot.mediaType()
        + ";base64,"
        + Base64.getEncoder().encodeToString(screenshot.bytes());
  }
}
