/**
 * Reading and digesting bytes: the strict JSON reader every endpoint uses (duplicate
 * keys, depth and size limits refused as the client's problem) and SHA-256.
 */
@NullMarked
package dev.signet.codec;

import org.jspecify.annotations.NullMarked;
