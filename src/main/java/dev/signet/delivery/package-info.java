/**
 * Signed delivery URLs and token-based authentication ({@code __cld_token__}), limited by
 * delivery profiles.
 */
@NullMarked
package dev.signet.delivery;

import org.jspecify.annotations.NullMarked;
