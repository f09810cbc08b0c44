package dev.orbweaver.scrape.render;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The automatic render decision: given what a plain HTTP fetch brought back, is the page's text
 * there already ({@link RenderMode#HTTP}), or is the document a shell that script fills in ({@link
 * RenderMode#BROWSER})? A pure function of the response, so that a crawl can decide per page
 * without a browser and the decision can be tested on fixtures.
 *
 * <p>A shell has little text outside scripts and one of: an empty application root ({@code <div
 * id="root">}, {@code __next}, {@code ng-app}, {@code <app-root>} …), a {@code <noscript>} asking
 * for JavaScript, or scripts that are most of the document. A page with real text stays on HTTP
 * however much script it carries, and so does anything that is not a successful HTML answer.
 */
public record RenderDecision(RenderMode mode, String reason) {

  /** Below this much visible text a page with an app root or a script bundle is a shell. */
  static final int SHELL_TEXT_CHARS = 250;

  /** A page with a "please enable JavaScript" notice and less text than this is a shell. */
  static final int NOSCRIPT_SHELL_TEXT_CHARS = 600;

  /** An app root holding less text than this holds a placeholder ("Loading…"), not content. */
  static final int PLACEHOLDER_CHARS = 40;

  /** The decision reads at most this much of a document: a shell is small. */
  static final int MAX_BYTES = 2 * 1024 * 1024;

  private static final Set<String> APP_ROOT_IDS =
      Set.of(
          "root",
          "app",
          "__next",
          "__nuxt",
          "___gatsby",
          "svelte",
          "q-app",
          "app-root",
          "main-app",
          "react-root",
          "react-app",
          "application",
          "spa-root",
          "ember-app");

  private static final Pattern ENABLE_JAVASCRIPT =
      Pattern.compile(
          "(enable|turn on|activate|requires?|need|needs|without)\\W+(\\w+\\W+){0,3}javascript"
              + "|javascript\\W+(\\w+\\W+){0,3}(required|disabled|enabled|needed|must be)",
          Pattern.CASE_INSENSITIVE);

  public static RenderDecision http(String reason) {
    return new RenderDecision(RenderMode.HTTP, reason);
  }

  public static RenderDecision browser(String reason) {
    return new RenderDecision(RenderMode.BROWSER, reason);
  }

  /**
   * Decides for one fetched response.
   *
   * @param status the HTTP status of the final response
   * @param mediaType the response's media type (lower case, no parameters), or null if unknown
   * @param body the decoded body bytes
   * @param charset the body's charset, or null for UTF-8
   */
  public static RenderDecision decide(int status, String mediaType, byte[] body, Charset charset) {
    if (status < 200 || status >= 300) {
      return http("status " + status + " is not a page to render");
    }
    if (mediaType != null && !mediaType.equals("text/html") && !mediaType.contains("xhtml")) {
      return http("not HTML (" + mediaType + ")");
    }
    if (body == null || body.length == 0) {
      return http("empty body");
    }
    int length = Math.min(body.length, MAX_BYTES);
    String html = new String(body, 0, length, charset == null ? StandardCharsets.UTF_8 : charset);
    return decide(Jsoup.parse(html));
  }

  static RenderDecision decide(Document document) {
    int scripts = document.select("script").size();
    int scriptChars = 0;
    for (Element script : document.select("script")) {
      scriptChars += script.data().length();
    }
    boolean noscriptAsksForJs = false;
    for (Element noscript : document.select("noscript")) {
      // jsoup keeps <noscript> content as text when scripting is assumed on.
      String said = Jsoup.parse(noscript.html()).text();
      if (ENABLE_JAVASCRIPT.matcher(said).find()) {
        noscriptAsksForJs = true;
      }
    }
    Element body = document.body();
    body.select("script, style, noscript, template, svg").remove();
    int textChars = body.text().length();
    String appRoot = emptyAppRoot(document, body);

    if (textChars >= NOSCRIPT_SHELL_TEXT_CHARS) {
      return http("the page has its text (" + textChars + " characters)");
    }
    if (noscriptAsksForJs) {
      return browser("<noscript> asks for JavaScript and the page has little text");
    }
    if (textChars >= SHELL_TEXT_CHARS) {
      return http("the page has its text (" + textChars + " characters)");
    }
    if (appRoot != null) {
      return browser("an empty application root (" + appRoot + ") and little text");
    }
    if (scripts > 0 && (scriptChars > 4 * Math.max(textChars, 1) || hasExternalBundle(document))) {
      return browser("script is most of the page and there is little text");
    }
    return http("a small static page");
  }

  /**
   * The first application root that holds no text (or only a "Loading…" placeholder), described for
   * the reason, or null.
   */
  private static String emptyAppRoot(Document document, Element body) {
    for (Element element : document.getAllElements()) {
      String id = element.id().toLowerCase(Locale.ROOT);
      String described = null;
      if (!id.isEmpty() && APP_ROOT_IDS.contains(id)) {
        described = "#" + element.id();
      } else if (element.hasAttr("ng-app") || element.hasAttr("data-ng-app")) {
        described = "[ng-app]";
      } else if (element.hasAttr("ng-version") || element.tagName().equals("app-root")) {
        described = "<app-root>";
      } else if (element.hasAttr("data-reactroot") || element.hasAttr("data-v-app")) {
        described = element.hasAttr("data-v-app") ? "[data-v-app]" : "[data-reactroot]";
      }
      boolean outer = element.tagName().equals("html") || element.tagName().equals("body");
      String text = outer ? body.text() : element.text();
      if (described != null && text.length() < PLACEHOLDER_CHARS) {
        return described;
      }
    }
    return null;
  }

  private static boolean hasExternalBundle(Document document) {
    for (Element script : document.select("script[src]")) {
      String type = script.attr("type").toLowerCase(Locale.ROOT);
      if (type.isEmpty() || type.equals("module") || type.contains("javascript")) {
        return true;
      }
    }
    return false;
  }
}
