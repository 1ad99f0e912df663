/**
 * Explains Cloudinary's "Invalid Signature" and "Stale request" errors without the
 * secret.
 */
@NullMarked
package dev.signet.diagnostics;

import org.jspecify.annotations.NullMarked;
