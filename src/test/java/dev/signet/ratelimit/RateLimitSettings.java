package dev.signet.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@code signet.rate-limit.*} settings the way the application does, for tests that
 * build a {@link RateLimiter} without a Spring context.
 *
 * @author Signet developers
 */
final class RateLimitSettings {

	private RateLimitSettings() {
	}

	/**
	 * Binds settings given as {@code name, value} pairs, names without the prefix.
	 * @param pairs names and values
	 * @return the bound properties
	 */
	static RateLimitProperties bind(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put("signet.rate-limit." + pairs[i], pairs[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("signet.rate-limit",
				Bindable.of(RateLimitProperties.class));
	}

	static RateLimiter limiter(String... pairs) {
		return new RateLimiter(bind(pairs), new SimpleMeterRegistry());
	}

}
