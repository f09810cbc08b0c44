package dev.orbweaver.scrape.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * What a scraped page's indexed text is derived from, by hash: the fetched text and the options
 * that shape it. A page scraped again from the same source needs neither its text derived nor its
 * {@code tsvector} rebuilt.
 *
 * @param hash SHA-256 of the derivation's version, the include and exclude tags and the text
 */
public record ScrapedSource(
    long accountId,
    long projectId,
    String url,
    byte[] hash,
    Integer statusCode,
    Instant fetchedAt) {

  /** Bump when the indexed text of the same page would come out differently. */
  private static final String DERIVATION = "plain-text-main-content/1";

  public static byte[] hash(List<String> includeTags, List<String> excludeTags, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (DERIVATION + '\n' + includeTags + '\n' + excludeTags + '\n')
              .getBytes(StandardCharsets.UTF_8));
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
