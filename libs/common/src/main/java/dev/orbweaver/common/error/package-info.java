/** Error kinds and the envelope each wire dialect wraps them in. */
package dev.orbweaver.common.error;
