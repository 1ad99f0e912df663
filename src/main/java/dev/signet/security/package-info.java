/**
 * Caller authentication (API keys and JWTs), CORS and the security filter chain.
 */
@NullMarked
package dev.signet.security;

import org.jspecify.annotations.NullMarked;
