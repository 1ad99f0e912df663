/**
 * Cloudinary's signing rules and account settings, free of Spring types.
 */
@NullMarked
package dev.signet.cloudinary;

import org.jspecify.annotations.NullMarked;
