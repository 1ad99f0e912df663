/**
 * Verification of the signatures Cloudinary's upload API returns, for other backends.
 */
@NullMarked
package dev.signet.verification;

import org.jspecify.annotations.NullMarked;
