package dev.orbweaver.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google service account key as its JSON file holds it ({@code type}, {@code client_email},
 * {@code private_key}, {@code private_key_id}, {@code token_uri}). Not a record: the private key
 * must never reach a {@code toString}.
 */
public final class ServiceAccount {

  public static final URI DEFAULT_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  /** A service account file is a few KB; anything far larger is not one. */
  private static final int MAX_JSON_CHARS = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String clientEmail;
  private final String privateKeyId;
  private final PrivateKey privateKey;
  private final URI tokenUri;

  public ServiceAccount(
      String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {
    if (clientEmail == null || clientEmail.isBlank()) {
      throw new IllegalArgumentException("a service account needs its client_email");
    }
    this.clientEmail = clientEmail;
    this.privateKeyId = privateKeyId;
    this.privateKey = privateKey;
    this.tokenUri = requireHttpUrl(tokenUri);
  }

  /**
   * Reads a service account key file's JSON. Error messages name the field at fault and never quote
   * the file.
   *
   * @throws IllegalArgumentException when it is not a service account key
   */
  public static ServiceAccount fromJson(String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("service_account_json is empty");
    }
    if (json.length() > MAX_JSON_CHARS) {
      throw new IllegalArgumentException(
          "service_account_json is longer than " + MAX_JSON_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("service_account_json is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("service_account_json is not a JSON object");
    }
    String type = text(root, "type");
    if (type != null && !type.equals("service_account")) {
      throw new IllegalArgumentException(
          "service_account_json has type '" + type + "', not 'service_account'");
    }
    String email = text(root, "client_email");
    String pem = text(root, "private_key");
    if (email == null) {
      throw new IllegalArgumentException("service_account_json lacks client_email");
    }
    if (pem == null) {
      throw new IllegalArgumentException("service_account_json lacks private_key");
    }
    String token = text(root, "token_uri");
    URI tokenUri;
    try {
      tokenUri = token == null ? DEFAULT_TOKEN_URI : URI.create(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("service_account_json's token_uri is not a URL");
    }
    return new ServiceAccount(email, text(root, "private_key_id"), parsePrivateKey(pem), tokenUri);
  }

  /** A PKCS#8 PEM RSA key ({@code -----BEGIN PRIVATE KEY-----}), as Google issues them. */
  static PrivateKey parsePrivateKey(String pem) {
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "service_account_json's private_key is not a PKCS#8 PEM RSA key");
    }
  }

  public String clientEmail() {
    return clientEmail;
  }

  /** The key's id, sent as the JWT's {@code kid}; may be null. */
  public String privateKeyId() {
    return privateKeyId;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public URI tokenUri() {
    return tokenUri;
  }

  @Override
  public String toString() {
    return "ServiceAccount[" + clientEmail + ", private key redacted]";
  }

  private static URI requireHttpUrl(URI uri) {
    if (uri == null
        || uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("a service account's token_uri must be an http(s) URL");
    }
    return uri;
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
  }
}
