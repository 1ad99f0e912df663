package dev.signet.ratelimit;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code rateLimit} health component: always UP, because signing goes on while Redis
 * is unreachable, with the mode in its details ({@code off}, {@code local}, {@code redis}
 * or {@code degraded}, since when and why). It is part of the readiness group, whose
 * details are shown.
 *
 * @author Signet developers
 */
@Component("rateLimitHealthIndicator")
class RateLimitHealthIndicator implements HealthIndicator {

	private final RateLimiter limiter;

	RateLimitHealthIndicator(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("mode", this.limiter.mode());
		if (this.limiter.degraded()) {
			health.withDetail("degraded", true)
				.withDetail("replica_share", "1/" + this.limiter.replicas() + " of each limit");
			Instant since = this.limiter.degradedSince();
			if (since != null) {
				health.withDetail("since", since.toString());
			}
			String failure = this.limiter.lastRedisFailure();
			if (failure != null) {
				health.withDetail("last_failure", failure);
			}
		}
		return health.build();
	}

}
