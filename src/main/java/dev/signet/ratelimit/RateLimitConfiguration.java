package dev.signet.ratelimit;

import dev.signet.redis.SharedRedisProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter; it connects to Redis at startup when one is configured
 * ({@code signet.redis.url}, or its old name {@code signet.rate-limit.redis-url}), and
 * starts degraded (never failing) when Redis does not answer.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean(destroyMethod = "close")
	RateLimiter rateLimiter(RateLimitProperties properties, SharedRedisProperties redis, MeterRegistry registry) {
		return new RateLimiter(properties, properties.redisUri(redis), registry);
	}

}
