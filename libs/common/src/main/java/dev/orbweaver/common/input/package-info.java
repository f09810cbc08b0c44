/**
 * What public input may carry: the characters no field may hold, and the stricter rules of values
 * that end up in HTTP requests (header names and values, cookies, user agents).
 */
package dev.orbweaver.common.input;
