package dev.orbweaver.extract.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.extract.links.UrlResolver;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private static final String BASE = "https://example.com/dir/page.html";

  private static String markdown(String body) {
    Document document = Jsoup.parse("<html><body>" + body + "</body></html>", BASE);
    return MarkdownRenderer.render(
        document.body(), UrlResolver.forDocument(document, BASE), Syntax.MARKDOWN, 256);
  }

  private static String plain(String body) {
    Document document = Jsoup.parse("<html><body>" + body + "</body></html>", BASE);
    return MarkdownRenderer.render(
        document.body(), UrlResolver.forDocument(document, BASE), Syntax.PLAIN, 256);
  }

  @Test
  void collapsesWhitespaceAndMovesSpacesOutOfEmphasis() {
    assertThat(markdown("<p>  Some \n  <b>bold </b>text<i> </i>and <em> spaced </em>words </p>"))
        .isEqualTo("Some **bold** text and *spaced* words");
  }

  @Test
  void headingsAreAtxAndStayOnOneLine() {
    assertThat(markdown("<h2>Two<br>lines</h2><h3></h3><p>after</p>"))
        .isEqualTo("## Two lines\n\nafter");
  }

  @Test
  void linksAndImagesAreAbsolute() {
    assertThat(
            markdown(
                "<p><a href='/x' title='The \"x\"'>link</a> <a href='../y (1).html'>paren</a>"
                    + " <a href='javascript:void(0)'>js</a> <a href='/empty'></a>"
                    + "<img src='img/a.png' alt='An [image]'></p>"))
        .isEqualTo(
            "[link](https://example.com/x \"The \\\"x\\\"\") [paren](https://example.com/y%20%281%29.html)"
                + " js ![An \\[image\\]](https://example.com/dir/img/a.png)");
  }

  @Test
  void blockContentInsideALinkStaysOnOneLine() {
    assertThat(markdown("<a href='/card'><div><h3>Title</h3><p>Teaser text</p></div></a>"))
        .isEqualTo("[Title Teaser text](https://example.com/card)");
  }

  @Test
  void nestedAndOrderedListsIndentByTheirMarker() {
    assertThat(
            markdown(
                "<ul><li>one</li><li>two<ul><li>two.a</li><li><p>two.b</p></li></ul></li>"
                    + "<li>three</li></ul><ol start='9'><li>nine<ol><li>inner</li></ol></li><li>ten</li></ol>"))
        .isEqualTo("- one\n- two\n  - two.a\n  - two.b\n- three\n\n9. nine\n   1. inner\n10. ten");
  }

  @Test
  void listsDirectlyInsideListsNestUnderThePreviousItem() {
    assertThat(markdown("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>"))
        .isEqualTo("- a\n  - b\n- c");
  }

  @Test
  void taskListsKeepTheirCheckboxes() {
    assertThat(
            markdown(
                "<ul><li><input type=checkbox checked> done</li><li><input type=checkbox> todo</li></ul>"))
        .isEqualTo("- [x] done\n- [ ] todo");
  }

  @Test
  void codeBlocksAreFencedWithTheirLanguage() {
    assertThat(
            markdown(
                "<pre><code class='hljs language-java'>int x = 1;\n\nif (x &lt; 2) {\n  <span>return</span>;\n}\n</code></pre>"))
        .isEqualTo("```java\nint x = 1;\n\nif (x < 2) {\n  return;\n}\n```");
  }

  @Test
  void fencesGrowPastBackticksInTheCode() {
    assertThat(markdown("<pre>a ``` b</pre><p>use <code>a`b</code> and <code> x </code></p>"))
        .isEqualTo("````\na ``` b\n````\n\nuse ``a`b`` and `x`");
  }

  @Test
  void codeBlocksInsideListItemsAreIndented() {
    assertThat(markdown("<ol><li>Run:<pre>make\n\nmake test</pre></li><li>Done</li></ol>"))
        .isEqualTo("1. Run:\n\n   ```\n   make\n\n   make test\n   ```\n2. Done");
  }

  @Test
  void blockquotesPrefixEveryLine() {
    assertThat(
            markdown(
                "<p>Before</p><blockquote><p>One</p><p>Two<br>Three</p></blockquote><p>After</p>"))
        .isEqualTo("Before\n\n> One\n>\n> Two  \n> Three\n\nAfter");
  }

  @Test
  void dataTablesBecomeGfmTablesWithSpansLaidOut() {
    assertThat(
            markdown(
                "<table><caption>Scores</caption><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>"
                    + "<tbody><tr><td colspan=2>wide | pipe</td><td>x</td></tr>"
                    + "<tr><td rowspan=2>r</td><td>1</td><td>y</td></tr><tr><td>2</td><td>z</td></tr></tbody></table>"))
        .isEqualTo(
            "Scores\n\n| A | B | C |\n| --- | --- | --- |\n| wide \\| pipe | | x |\n| r | 1 | y |\n| | 2 | z |");
  }

  @Test
  void layoutTablesBecomeBlocks() {
    assertThat(
            markdown(
                "<table role='presentation'><tr><td>Left</td><td>Right</td></tr></table>"
                    + "<table><tr><td><ul><li>menu</li></ul></td><td><p>Body</p></td></tr>"
                    + "<tr><td>a</td><td>b</td></tr></table>"))
        .isEqualTo("Left\n\nRight\n\n- menu\n\nBody\n\na\n\nb");
  }

  @Test
  void escapesMarkdownOnlyWhereItWouldBeMisread() {
    assertThat(
            markdown(
                "<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>> nor a quote</p>"
                    + "<p>a * b, snake_case, _x_, [1], &lt;div&gt;, 3 &lt; 4, C:\\path, \\*, ~~x~~</p>"))
        .isEqualTo(
            "\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n\n\\> nor a quote\n\n"
                + "a \\* b, snake_case, \\_x\\_, \\[1\\], \\<div>, 3 < 4, C:\\path, \\\\\\*, \\~\\~x\\~\\~");
  }

  @Test
  void strikethroughAndRulesAndBreaks() {
    assertThat(markdown("<p><del>old</del> new</p><hr><p>a<br><br>b</p>"))
        .isEqualTo("~~old~~ new\n\n---\n\na\n\nb");
  }

  @Test
  void hiddenAndNonContentElementsAreDropped() {
    assertThat(
            markdown(
                "<p>shown</p><p hidden>hidden</p><div style='display: none'>gone</div>"
                    + "<script>var x;</script><style>p{}</style><form><label>Name</label><input><button>Go</button></form>"))
        .isEqualTo("shown\n\nName");
  }

  @Test
  void lazyImagesUseTheirRealSourceAndInlineImagesAreDropped() {
    assertThat(
            markdown(
                "<img src='data:image/gif;base64,R0lGOD' data-src='/real.jpg' alt='Lazy'>"
                    + "<img src='data:image/png;base64,iVBOR' alt='inline'>"))
        .isEqualTo("![Lazy](https://example.com/real.jpg)");
  }

  @Test
  void definitionListsUseColonLines() {
    assertThat(markdown("<dl><dt>Term</dt><dd>Meaning</dd><dt>Other</dt><dd>More</dd></dl>"))
        .isEqualTo("Term\n: Meaning\nOther\n: More");
  }

  @Test
  void plainTextKeepsLinesWithoutMarkup() {
    assertThat(
            plain(
                "<h1>Title</h1><p>Some <b>bold</b> <a href='/x'>link</a> * star</p>"
                    + "<ul><li>one</li><li>two</li></ul><table><tr><th>A</th><th>B</th></tr>"
                    + "<tr><td>1</td><td>2</td></tr></table>"))
        .isEqualTo("Title\n\nSome bold link * star\n\none\ntwo\n\nA\tB\n1\t2");
  }
}
