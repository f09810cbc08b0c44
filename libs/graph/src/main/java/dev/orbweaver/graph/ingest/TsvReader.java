package dev.orbweaver.graph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a tab-separated file line by line without making a String per line: fields are parsed in
 * place from a byte buffer. Every parse error names the file and the 1-based line.
 */
public final class TsvReader {
  private static final int MAX_FIELDS = 16;

  private final InputStream in;
  private final String file;
  private byte[] buffer = new byte[1 << 20];
  private int start;
  private int end;
  private int limit;
  private boolean eof;
  private long line;
  private final int[] fieldStart = new int[MAX_FIELDS + 1];
  private final int[] fieldEnd = new int[MAX_FIELDS + 1];
  private int fields;

  public TsvReader(InputStream in, String file) {
    this.in = in;
    this.file = file;
  }

  /** Advances to the next line; false at the end of the file. */
  public boolean next() throws IOException {
    start = end;
    if (start < limit && buffer[start] == '\n') {
      start++;
    }
    int newline = indexOfNewline(start);
    while (newline < 0 && !eof) {
      fill();
      newline = indexOfNewline(start);
    }
    if (newline < 0) {
      if (start >= limit) {
        return false;
      }
      newline = limit;
    }
    end = newline;
    line++;
    int lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    split(lineEnd);
    return true;
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, limit - start);
      limit -= start;
      end -= start;
      start = 0;
    }
    if (limit == buffer.length) {
      if (buffer.length >= 1 << 26) {
        throw error("line is longer than 64 MiB");
      }
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private void split(int lineEnd) {
    fields = 0;
    int from = start;
    for (int i = start; i < lineEnd; i++) {
      if (buffer[i] == '\t') {
        if (fields == MAX_FIELDS) {
          break;
        }
        fieldStart[fields] = from;
        fieldEnd[fields++] = i;
        from = i + 1;
      }
    }
    fieldStart[fields] = from;
    fieldEnd[fields++] = lineEnd;
  }

  public long line() {
    return line;
  }

  public int fields() {
    return fields;
  }

  public boolean isBlank() {
    return fields == 1 && fieldStart[0] == fieldEnd[0];
  }

  public boolean startsWith(char c) {
    return fieldEnd[0] > fieldStart[0] && buffer[fieldStart[0]] == c;
  }

  public void expectFields(int count, String shape) {
    if (fields != count) {
      throw error("expected " + count + " tab-separated fields (" + shape + "), found " + fields);
    }
  }

  /** A non-negative decimal integer field. */
  public long number(int field, String what) {
    int from = fieldStart[field];
    int to = fieldEnd[field];
    if (from == to || to - from > 18) {
      throw error(what + " '" + text(field) + "' is not a non-negative integer");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = buffer[i] - '0';
      if (digit < 0 || digit > 9) {
        throw error(what + " '" + text(field) + "' is not a non-negative integer");
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** A decimal number field (integer, fraction or exponent), checked but not kept. */
  public void decimal(int field, String what) {
    String text = text(field);
    try {
      Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error(what + " '" + text + "' is not a number");
    }
  }

  public int length(int field) {
    return fieldEnd[field] - fieldStart[field];
  }

  /** Copies a field's bytes into {@code into} (which must be large enough); returns the length. */
  public int copy(int field, byte[] into) {
    int length = length(field);
    System.arraycopy(buffer, fieldStart[field], into, 0, length);
    return length;
  }

  public String text(int field) {
    int length = Math.min(length(field), 200);
    return new String(buffer, fieldStart[field], length, StandardCharsets.ISO_8859_1);
  }

  public IngestException error(String message) {
    return new IngestException(file, line, message);
  }
}
