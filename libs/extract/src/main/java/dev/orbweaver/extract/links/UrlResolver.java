package dev.orbweaver.extract.links;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns the URLs a page mentions into absolute ones, against the page's address or its {@code <base
 * href>}. Parses the base once, so that resolving every link of a large page stays cheap.
 */
public final class UrlResolver {
  private final URL base;
  // The base cut at the places relative references attach to, computed once per page so that
  // resolving each link is string concatenation rather than URL parsing.
  private final String scheme;
  private final String origin;
  private final String directory;
  private final String withoutQuery;
  private final String withoutFragment;

  private UrlResolver(URL base) {
    this.base = base;
    String address = base == null ? null : base.toExternalForm();
    boolean hierarchical = address != null && isHttp(address);
    if (!hierarchical) {
      scheme = origin = directory = withoutQuery = withoutFragment = null;
      return;
    }
    address = withoutDotSegments(address);
    int authorityStart = address.indexOf("://") + 3;
    int pathStart = authorityStart;
    while (pathStart < address.length() && "/?#".indexOf(address.charAt(pathStart)) < 0) {
      pathStart++;
    }
    int fragment = address.indexOf('#', pathStart);
    String noFragment = fragment < 0 ? address : address.substring(0, fragment);
    int query = noFragment.indexOf('?', pathStart);
    String noQuery = query < 0 ? noFragment : noFragment.substring(0, query);
    scheme = address.substring(0, authorityStart - 3);
    origin = address.substring(0, pathStart);
    int lastSlash = noQuery.lastIndexOf('/');
    directory = lastSlash < pathStart ? origin + "/" : noQuery.substring(0, lastSlash + 1);
    withoutQuery = noQuery.length() == origin.length() ? origin + "/" : noQuery;
    withoutFragment = noFragment;
  }

  /** A resolver for {@code document}, fetched from {@code pageUrl} (may be null or relative). */
  public static UrlResolver forDocument(Document document, String pageUrl) {
    URL page = parse(null, pageUrl);
    Element baseElement = document.head().selectFirst("base[href]");
    if (baseElement != null) {
      URL declared = parse(page, baseElement.attr("href"));
      if (declared != null) {
        return new UrlResolver(declared);
      }
    }
    return new UrlResolver(page);
  }

  /** The base every relative URL is resolved against, or null when the page has none. */
  public String base() {
    return base == null ? null : base.toExternalForm();
  }

  /**
   * The absolute form of {@code reference}, or null when it cannot be resolved (no base for a
   * relative reference, or a malformed one). Browsers ignore tabs and line breaks inside URLs and
   * leading/trailing spaces; so does this. Resolution follows RFC 3986, as browsers do.
   */
  public String resolve(String reference) {
    if (reference == null) {
      return null;
    }
    String cleaned = strip(reference);
    if (isHttp(cleaned)) {
      return cleaned;
    }
    if (origin == null) {
      URL resolved = parse(base, cleaned);
      return resolved == null ? null : resolved.toExternalForm();
    }
    if (cleaned.isEmpty()) {
      return withoutFragment;
    }
    char first = cleaned.charAt(0);
    if (first == '#') {
      return withoutFragment + cleaned;
    }
    if (first == '?') {
      return withoutQuery + cleaned;
    }
    if (first == '/') {
      return cleaned.startsWith("//")
          ? scheme + ":" + cleaned
          : withoutDotSegments(origin + cleaned);
    }
    if (!scheme(cleaned).isEmpty()) {
      return cleaned; // mailto:, tel:, javascript:, data: … are absolute already
    }
    return withoutDotSegments(directory + cleaned);
  }

  /**
   * Drops "." and ".." path segments (RFC 3986 section 5.2.4), also those that would climb above
   * the root, as browsers do. Paths without a dot segment are returned as they are.
   */
  static String withoutDotSegments(String url) {
    int authority = url.indexOf("://");
    int pathStart = authority < 0 ? -1 : url.indexOf('/', authority + 3);
    if (pathStart < 0) {
      return url;
    }
    int pathEnd = pathStart;
    while (pathEnd < url.length() && url.charAt(pathEnd) != '?' && url.charAt(pathEnd) != '#') {
      pathEnd++;
    }
    String path = url.substring(pathStart, pathEnd);
    if (!path.contains("/./")
        && !path.contains("/../")
        && !path.endsWith("/.")
        && !path.endsWith("/..")) {
      return url;
    }
    // Output path built in place: each segment appended after a '/', ".." cuts back to the
    // previous '/', so that no segment list is allocated.
    StringBuilder out = new StringBuilder(url.length());
    out.append(url, 0, pathStart);
    int root = out.length();
    int start = pathStart + 1;
    while (start <= pathEnd) {
      int end = url.indexOf('/', start);
      if (end < 0 || end > pathEnd) {
        end = pathEnd;
      }
      boolean last = end == pathEnd;
      int length = end - start;
      if (length == 2 && url.charAt(start) == '.' && url.charAt(start + 1) == '.') {
        int cut = out.lastIndexOf("/");
        out.setLength(Math.max(root, cut < root ? root : cut));
        if (last) {
          out.append('/');
        }
      } else if (length == 1 && url.charAt(start) == '.') {
        if (last) {
          out.append('/');
        }
      } else {
        out.append('/').append(url, start, end);
      }
      start = end + 1;
    }
    if (out.length() == root) {
      out.append('/');
    }
    return out.append(url, pathEnd, url.length()).toString();
  }

  /** Whether {@code url} is an absolute http(s) URL. */
  public static boolean isHttp(String url) {
    return url.regionMatches(true, 0, "https://", 0, 8)
        || url.regionMatches(true, 0, "http://", 0, 7);
  }

  /** The scheme of an absolute URL in lower case, or "" when it has none. */
  public static String scheme(String url) {
    int colon = url.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    for (int i = 0; i < colon; i++) {
      char c = url.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return "";
      }
    }
    return url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static String strip(String reference) {
    String trimmed = reference.strip();
    if (trimmed.indexOf('\n') < 0 && trimmed.indexOf('\t') < 0 && trimmed.indexOf('\r') < 0) {
      return trimmed;
    }
    StringBuilder out = new StringBuilder(trimmed.length());
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c != '\n' && c != '\t' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }

  @SuppressWarnings("deprecation") // URL(URL, String) is the lenient resolver browsers behave like
  private static URL parse(URL context, String spec) {
    if (spec == null || (context == null && spec.isBlank())) {
      return null;
    }
    try {
      return new URL(context, strip(spec));
    } catch (MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }
}
