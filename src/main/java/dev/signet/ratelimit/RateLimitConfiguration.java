package dev.signet.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter; it connects to Redis at startup when one is configured, and starts
 * degraded (never failing) when Redis does not answer.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean(destroyMethod = "close")
	RateLimiter rateLimiter(RateLimitProperties properties, MeterRegistry registry) {
		return new RateLimiter(properties, registry);
	}

}
