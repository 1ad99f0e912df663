/**
 * Domain errors: a {@link dev.signet.refusal.Refusal} says why Signet refuses
 * ({@link dev.signet.refusal.Reason}, a stable problem type), what to change, which
 * parameters and when to retry. Plain Java; the web layer alone maps it to HTTP.
 */
@NullMarked
package dev.signet.refusal;

import org.jspecify.annotations.NullMarked;
