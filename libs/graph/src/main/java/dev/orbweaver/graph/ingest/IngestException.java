package dev.orbweaver.graph.ingest;

/** A malformed input record, named by file and line so that an operator can look at it. */
public class IngestException extends RuntimeException {
  private final String file;
  private final long line;

  public IngestException(String file, long line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message, null, false, false);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line number, 0 when the problem is the file as a whole. */
  public long line() {
    return line;
  }
}
