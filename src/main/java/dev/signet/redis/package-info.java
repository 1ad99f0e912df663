/**
 * The one Redis that Signet's replicas share ({@code signet.redis.url}): rate-limit
 * buckets and the notification replay store. The older per-use settings stay as aliases.
 */
@NullMarked
package dev.signet.redis;

import org.jspecify.annotations.NullMarked;
