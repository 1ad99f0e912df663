/**
 * After the upload: the record of every upload Signet signed, what really arrived at
 * Cloudinary (from its signed notification or its Admin API), the rules Cloudinary cannot
 * sign checked on the real asset, and the removal of what breaks them. Plain Java below
 * the features that sign, receive and answer; no web types.
 */
@NullMarked
package dev.signet.assets;

import org.jspecify.annotations.NullMarked;
