/**
 * The operator pages, {@code /v1/operator/**}: the profiles and their rules, a caller's
 * limits and the state of its buckets (read without spending), the loaded Cloudinary
 * accounts with their key fingerprints, and the latest decisions of the audit. Open to
 * operators only ({@code signet.operator}); never a secret, a signature or a parameter
 * value. A thin controller over plain classes.
 */
@NullMarked
package dev.signet.operator;

import org.jspecify.annotations.NullMarked;
