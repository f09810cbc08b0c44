package dev.orbweaver.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OAuth access tokens for a service account (RFC 7523, Google's "JWT bearer" flow): a JWT signed
 * RS256 with the account's key is exchanged at its {@code token_uri} for a bearer token, which is
 * kept until a minute before it expires.
 */
final class GcsAccessTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /** Google accepts assertions that live at most an hour. */
  private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final ServiceAccount account;
  private final OkHttpClient http;
  private final Clock clock;
  private final GcsErrors errors;
  private String token;
  private Instant refreshAt = Instant.MIN;

  GcsAccessTokens(ServiceAccount account, OkHttpClient http, Clock clock, GcsErrors errors) {
    this.account = account;
    this.http = http;
    this.clock = clock;
    this.errors = errors;
  }

  /** A valid bearer token, fetched anew only when the kept one is about to expire. */
  synchronized String token() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(refreshAt)) {
      exchange(now);
    }
    return token;
  }

  /** Forgets the kept token (the store refused it). */
  synchronized void invalidate() {
    token = null;
  }

  private void exchange(Instant now) {
    Request request =
        new Request.Builder()
            .url(account.tokenUri().toString())
            .post(
                new FormBody.Builder()
                    .add("grant_type", GRANT_TYPE)
                    .add("assertion", assertion(now))
                    .build())
            .build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw errors.tokenRefused(response.code(), body);
      }
      JsonNode json = JSON.readTree(body);
      JsonNode accessToken = json.get("access_token");
      if (accessToken == null || !accessToken.isTextual()) {
        throw new ObjectStoreException(
            Kind.STORE_ERROR, response.code(), "the token endpoint answered without access_token");
      }
      long expiresIn = json.path("expires_in").asLong(3600);
      token = accessToken.asText();
      refreshAt = now.plusSeconds(expiresIn).minus(REFRESH_MARGIN);
    } catch (IOException e) {
      throw errors.io("requesting an access token from " + account.tokenUri().getHost(), e);
    }
  }

  /** The signed JWT: header and claims as Google's OAuth server documents them. */
  String assertion(Instant now) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    if (account.privateKeyId() != null) {
      header.put("kid", account.privateKeyId());
    }
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", account.clientEmail())
            .put("scope", SCOPE)
            .put("aud", account.tokenUri().toString())
            .put("iat", now.getEpochSecond())
            .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(account.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the service account's key", e);
    }
  }

  private static String encode(ObjectNode node) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
