/**
 * Cloudinary's signing rules and account settings, in one place: which upload parameters
 * are never signed, the string to sign, notification, response and delivery signatures,
 * auth tokens and the {@code cloudinary://} URL. Plain Java: it imports nothing from
 * Spring or from the rest of Signet (only {@code java.*}, {@code javax.crypto} and
 * JSpecify).
 */
@NullMarked
package dev.signet.cloudinary;

import org.jspecify.annotations.NullMarked;
