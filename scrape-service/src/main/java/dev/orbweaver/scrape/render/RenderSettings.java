package dev.orbweaver.scrape.render;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the render pool runs (Quarkus fills it from {@code orbweaver.render.*}, see RenderConfig).
 *
 * @param executable the browser binary
 * @param browsers browser processes kept running
 * @param pagesPerBrowser renders one browser does at once
 * @param queueCapacity renders that may wait for a free page; one more is refused as busy
 * @param recycleAfterRenders a browser is replaced after this many renders
 * @param maxBrowserResidentBytes a browser above this much resident memory (its processes summed)
 *     is replaced after its current renders
 * @param jsHeapMb each renderer's JavaScript heap limit (V8's max-old-space-size)
 * @param launchTimeout how long a browser may take to start
 * @param maxHtmlChars the largest rendered HTML returned
 * @param maxScreenshotBytes the largest screenshot returned
 */
public record RenderSettings(
    Path executable,
    int browsers,
    int pagesPerBrowser,
    int queueCapacity,
    int recycleAfterRenders,
    long maxBrowserResidentBytes,
    int jsHeapMb,
    Duration launchTimeout,
    int maxHtmlChars,
    int maxScreenshotBytes) {

  public static RenderSettings defaults(Path executable) {
    return new RenderSettings(
        executable,
        1,
        4,
        32,
        200,
        1536L * 1024 * 1024,
        512,
        Duration.ofSeconds(20),
        10 << 20,
        20 << 20);
  }

  public RenderSettings withBrowsers(int count, int pages) {
    return new RenderSettings(
        executable,
        count,
        pages,
        queueCapacity,
        recycleAfterRenders,
        maxBrowserResidentBytes,
        jsHeapMb,
        launchTimeout,
        maxHtmlChars,
        maxScreenshotBytes);
  }

  public RenderSettings withQueueCapacity(int capacity) {
    return new RenderSettings(
        executable,
        browsers,
        pagesPerBrowser,
        capacity,
        recycleAfterRenders,
        maxBrowserResidentBytes,
        jsHeapMb,
        launchTimeout,
        maxHtmlChars,
        maxScreenshotBytes);
  }

  public RenderSettings withRecycling(int afterRenders, long maxResidentBytes) {
    return new RenderSettings(
        executable,
        browsers,
        pagesPerBrowser,
        queueCapacity,
        afterRenders,
        maxResidentBytes,
        jsHeapMb,
        launchTimeout,
        maxHtmlChars,
        maxScreenshotBytes);
  }
}
