package dev.orbweaver.graph.ingest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on a terminal (redrawn in place at most twice a second), or a progress line every
 * ten seconds when the output is a log file.
 */
public final class ConsoleProgress implements Progress {
  private final PrintStream out;
  private final boolean interactive;
  private final long intervalNanos;
  private String phase = "";
  private String unit = "";
  private long total = -1;
  private long started;
  private long lastPrinted;

  public ConsoleProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
    this.intervalNanos = interactive ? 500_000_000L : 10_000_000_000L;
  }

  @Override
  public synchronized void phase(String name, long total, String unit) {
    this.phase = name;
    this.total = total;
    this.unit = unit;
    this.started = System.nanoTime();
    this.lastPrinted = started;
  }

  @Override
  public synchronized void update(long done, long records) {
    long now = System.nanoTime();
    if (now - lastPrinted < intervalNanos) {
      return;
    }
    lastPrinted = now;
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%-9s ", phase));
    if (total > 0) {
      double fraction = Math.min(1.0, (double) done / total);
      int filled = (int) (fraction * 30);
      line.append('[')
          .append("#".repeat(filled))
          .append(" ".repeat(30 - filled))
          .append(String.format(Locale.ROOT, "] %5.1f%% ", fraction * 100));
    }
    line.append(String.format(Locale.ROOT, "%s %s", human(done), unit));
    if (records > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              ", %s records (%s/s)",
              human(records),
              human((long) (records / seconds))));
    }
    if (interactive) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public synchronized void finish(String summary) {
    double seconds = (System.nanoTime() - started) / 1e9;
    String line = String.format(Locale.ROOT, "%-9s %s in %.1f s", phase, summary, seconds);
    out.println(interactive ? "\r" + line + " ".repeat(40) : line);
    out.flush();
  }

  static String human(long n) {
    if (n < 10_000) {
      return Long.toString(n);
    }
    if (n < 10_000_000) {
      return String.format(Locale.ROOT, "%.1fK", n / 1e3);
    }
    if (n < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.2fG", n / 1e9);
  }
}
