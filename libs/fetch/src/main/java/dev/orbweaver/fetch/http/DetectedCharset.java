package dev.orbweaver.fetch.http;

import java.nio.charset.Charset;

/** A body's character encoding and where it came from. */
public record DetectedCharset(Charset charset, CharsetSource source) {}
