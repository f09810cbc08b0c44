package dev.orbweaver.fetch.http;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * A response, whatever its status: a 404 or a 500 is a result, not a failure. The body is decoded
 * (gzip, deflate, br undone) and is any media type; {@link #text()} reads it in the detected
 * charset.
 *
 * @param requestedUrl the URL asked for
 * @param finalUrl the URL that gave this response, after redirects
 * @param redirects every hop followed, in order
 * @param status the final HTTP status
 * @param headers response headers, names lower-cased, values in order
 * @param body the decoded body (empty for HEAD, 204, 304)
 * @param truncated true when the body was cut at the limit on request
 * @param mediaType the media type from Content-Type, or sniffed from the body when absent
 * @param charset the character encoding of the body when read as text
 * @param charsetSource where the charset came from
 * @param remoteAddress the address connected to for the final hop: the proxy's through an http(s)
 *     proxy, the target's vetted address (which the proxy was told to reach) through socks5
 * @param timing where the time went
 */
public record FetchResult(
    String requestedUrl,
    String finalUrl,
    List<Redirect> redirects,
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    boolean truncated,
    String mediaType,
    Charset charset,
    CharsetSource charsetSource,
    InetSocketAddress remoteAddress,
    FetchTiming timing) {

  public FetchResult {
    redirects = List.copyOf(redirects);
    headers = Map.copyOf(headers);
  }

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The body as text in the detected charset, without a byte-order mark and without NUL characters:
   * no format derived from a page carries them (HTML parsers drop or replace them), JSON answers
   * would show each as an escaped U+0000, and PostgreSQL refuses them in text.
   */
  public String text() {
    String text = Charsets.decode(body, charset);
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
