package dev.orbweaver.common.web;

import dev.orbweaver.common.error.Dialect;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the wire dialect of a REST resource (or one method), so that its errors come back in that
 * dialect's envelope. Resources without it answer in {@link Dialect#INTERNAL}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SpeaksDialect {
  Dialect value();
}
