/**
 * Rate limits and quotas: token buckets per caller, per client and per profile, shared
 * through Redis when it is configured, per-replica shares when it is not reachable, and a
 * limit on failed authentication per source address.
 */
@NullMarked
package dev.signet.ratelimit;

import org.jspecify.annotations.NullMarked;
