package dev.signet.access;

import java.time.Clock;

import dev.signet.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

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
	AuditTrail auditTrail(MeterRegistry registry, ObjectProvider<AuditTrail.Listener> listeners,
			ObjectProvider<Tracer> tracer) {
		// No tracer while traces are off (dev.signet.tracing.TracingSwitch): then the
		// trail touches no span.
		return new AuditTrail(registry, Clock.systemUTC(), listeners.orderedStream().toList(), tracer.getIfAvailable());
	}

	@Bean
	Access access(RateLimiter limiter, AuditTrail audit) {
		return new Access(limiter, audit);
	}

}
