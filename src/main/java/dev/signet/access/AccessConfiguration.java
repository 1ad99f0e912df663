package dev.signet.access;

import java.time.Clock;

import dev.signet.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the pipeline over the rate limiter and the audit trail.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	AuditTrail auditTrail(MeterRegistry registry, ObjectProvider<AuditTrail.Listener> listeners) {
		return new AuditTrail(registry, Clock.systemUTC(), listeners.orderedStream().toList());
	}

	@Bean
	Access access(RateLimiter limiter, AuditTrail audit) {
		return new Access(limiter, audit);
	}

}
