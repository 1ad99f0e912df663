/**
 * Cloudinary notifications: verification for other backends, and a receiver that checks,
 * de-duplicates and forwards them to an internal URL.
 */
@NullMarked
package dev.signet.notification;

import org.jspecify.annotations.NullMarked;
