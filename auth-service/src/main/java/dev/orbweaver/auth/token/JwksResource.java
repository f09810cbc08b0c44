package dev.orbweaver.auth.token;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The public half of the signing key, which every other service verifies tokens against. */
@Path("/.well-known/jwks.json")
public class JwksResource {
  private final SigningKey key;

  @Inject
  public JwksResource(SigningKey key) {
    this.key = key;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> jwks() {
    return key.jwks();
  }
}
