import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import dev.orbweaver.extract.Page;
import dev.orbweaver.extract.charset.HtmlDecoder;
import dev.orbweaver.extract.links.UrlResolver;
import dev.orbweaver.extract.markdown.MarkdownRenderer;
import dev.orbweaver.extract.markdown.Syntax;
import io.github.furstenheim.CopyDown;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The Java half of bench/extract (run by ./run, not by the build).
 *
 * <ul>
 *   <li>{@code prepare RAW_DIR OUT_DIR}: decodes every page (BOM, meta charset, UTF-8 or
 *       windows-1252, as libs/extract does) and writes it as UTF-8, so that every converter, Java
 *       or JavaScript, gets the same text.
 *   <li>{@code markdown CORPUS_DIR WARMUPS PASSES}: throughput rows, tab-separated: name, MB/s of
 *       input HTML, pages/s.
 *   <li>{@code quality FIXTURES_DIR}: main content of Orbweaver vs Readability4J on the test
 *       fixtures: how many expected phrases each keeps and how many boilerplate phrases it drops.
 * </ul>
 */
public class ExtractBench {
  private static final String BASE = "https://bench.orbweaver.dev/page.html";

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "prepare" -> prepare(Path.of(args[1]), Path.of(args[2]));
      case "markdown" ->
          markdown(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "quality" -> quality(Path.of(args[1]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void prepare(Path raw, Path out) throws Exception {
    Files.createDirectories(out);
    List<Path> pages;
    try (Stream<Path> files = Files.walk(raw)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    int n = 0;
    for (Path page : pages) {
      String html = HtmlDecoder.decode(Files.readAllBytes(page), null).html();
      String name = String.format(Locale.ROOT, "%03d-%s", n++, page.getFileName());
      Files.writeString(out.resolve(name), html, StandardCharsets.UTF_8);
    }
    System.out.println(n);
  }

  private record Corpus(List<String> pages, long bytes) {}

  private static Corpus load(Path dir) throws Exception {
    List<String> pages = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
        byte[] raw = Files.readAllBytes(file);
        bytes += raw.length;
        pages.add(new String(raw, StandardCharsets.UTF_8));
      }
    }
    return new Corpus(pages, bytes);
  }

  private static void markdown(Path dir, int warmups, int passes) throws Exception {
    Corpus corpus = load(dir);
    FlexmarkHtmlConverter flexmark = FlexmarkHtmlConverter.builder().build();
    CopyDown copyDown = new CopyDown();
    // Warm jsoup and the converter up together first, so that the first row is not the one
    // that pays for the JIT.
    for (int i = 0; i < warmups; i++) {
      for (String page : corpus.pages()) {
        Page.parse(page, BASE, 200).markdown(true);
      }
    }
    // The node count stands for "used": printing the Document would serialise it, not parse it.
    run(
        corpus,
        "jsoup parse only (reference)",
        warmups,
        passes,
        html -> Jsoup.parse(html, BASE).getAllElements().size());
    run(
        corpus,
        "Orbweaver: parse + Markdown (whole page)",
        warmups,
        passes,
        html -> Page.parse(html, BASE, 200).markdown(false));
    run(
        corpus,
        "Orbweaver: parse + main content + Markdown",
        warmups,
        passes,
        html -> Page.parse(html, BASE, 200).markdown(true));
    run(corpus, "flexmark-html2md 0.64.8", warmups, passes, flexmark::convert);
    run(corpus, "copydown 1.1", warmups, passes, copyDown::convert);
    run(
        corpus,
        "Readability4J 1.0.8 (main content, no Markdown)",
        warmups,
        passes,
        ExtractBench::readability);
  }

  /** Readability4J throws on some pages (an empty body); such a page counts as converted to "". */
  private static String readability(String html) {
    try {
      return String.valueOf(new Readability4J(BASE, html).parse().getContent());
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Passes stop early past this, so that the slow converters do not take the whole run. */
  private static final double BUDGET_SECONDS = 20;

  private static void run(
      Corpus corpus, String name, int warmups, int passes, Function<String, Object> convert) {
    long sink = 0;
    long warmStart = System.nanoTime();
    for (int i = 0; i < warmups && (System.nanoTime() - warmStart) / 1e9 < BUDGET_SECONDS; i++) {
      for (String page : corpus.pages()) {
        sink += String.valueOf(convert.apply(page)).length();
      }
    }
    long start = System.nanoTime();
    int done = 0;
    while (done < passes && (done == 0 || (System.nanoTime() - start) / 1e9 < BUDGET_SECONDS)) {
      for (String page : corpus.pages()) {
        sink += String.valueOf(convert.apply(page)).length();
      }
      done++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double megabytes = corpus.bytes() * (double) done / 1e6;
    passes = done;
    System.out.printf(
        Locale.ROOT,
        "%s\t%.1f\t%.0f\t%d%n",
        name,
        megabytes / seconds,
        corpus.pages().size() * passes / seconds,
        sink % 10);
  }

  private static void quality(Path fixtures) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Path> pages;
    try (Stream<Path> files = Files.list(fixtures)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    int[] ours = new int[2];
    int[] theirs = new int[2];
    int keeps = 0;
    int drops = 0;
    StringBuilder misses = new StringBuilder();
    for (Path file : pages) {
      String name = file.getFileName().toString().replace(".html", "");
      JsonNode expected = json.readTree(fixtures.resolve(name + ".json").toFile());
      String url = expected.get("url").asText();
      String html = HtmlDecoder.decode(Files.readAllBytes(file), null).html();
      String mine = Page.parse(html, url, 200).markdown(true);
      Document document = Jsoup.parse(html, url);
      Element content;
      try {
        content = new Readability4J(url, html).parse().getArticleContent();
      } catch (RuntimeException e) {
        content = null;
      }
      String readability =
          content == null
              ? ""
              : MarkdownRenderer.render(
                  content, UrlResolver.forDocument(document, url), Syntax.MARKDOWN, html.length());
      for (JsonNode phrase : expected.at("/mainContent/keeps")) {
        keeps++;
        ours[0] += mine.contains(phrase.asText()) ? 1 : 0;
        boolean kept = readability.contains(phrase.asText());
        theirs[0] += kept ? 1 : 0;
        if (!kept) {
          misses.append("  Readability4J lost   ").append(name).append(": ").append(phrase.asText()).append('\n');
        }
      }
      for (JsonNode phrase : expected.at("/mainContent/drops")) {
        drops++;
        ours[1] += mine.contains(phrase.asText()) ? 0 : 1;
        boolean dropped = !readability.contains(phrase.asText());
        theirs[1] += dropped ? 1 : 0;
        if (!dropped) {
          misses.append("  Readability4J kept   ").append(name).append(": ").append(phrase.asText()).append('\n');
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| main content on %d fixture pages | article phrases kept (of %d) | boilerplate phrases dropped (of %d) |%n",
        pages.size(),
        keeps,
        drops);
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| Orbweaver MainContent | %d | %d |%n", ours[0], ours[1]);
    System.out.printf(Locale.ROOT, "| Readability4J 1.0.8 | %d | %d |%n", theirs[0], theirs[1]);
    System.out.print(misses);
  }
}
