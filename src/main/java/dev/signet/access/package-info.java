/**
 * The access pipeline every issuing endpoint goes through: who the caller is
 * ({@link dev.signet.access.Caller}, {@link dev.signet.access.CallerClaim}), which
 * profile it may use ({@link dev.signet.access.ProfileCatalog}), what it may spend
 * ({@link dev.signet.access.Access} and the rate limiter) and what is recorded
 * ({@link dev.signet.access.AuditTrail}). Plain Java apart from its wiring; no web types.
 */
@NullMarked
package dev.signet.access;

import org.jspecify.annotations.NullMarked;
