/**
 * Signet, a signing service for Cloudinary uploads.
 */
@NullMarked
package dev.signet;

import org.jspecify.annotations.NullMarked;
