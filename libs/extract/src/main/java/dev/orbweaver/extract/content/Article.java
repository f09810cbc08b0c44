package dev.orbweaver.extract.content;

/**
 * The page's main content without navigation, ads, footers and comments (crawlcrawl's {@code
 * article} format).
 *
 * @param text plain text, paragraphs separated by blank lines
 * @param html cleaned HTML of the same content, URLs absolute
 */
public record Article(String text, String html) {}
