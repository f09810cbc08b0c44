package dev.orbweaver.extract.markdown;

/** What the renderer writes: Markdown, or plain text with the same lines and paragraphs. */
public enum Syntax {
  MARKDOWN,
  PLAIN
}
