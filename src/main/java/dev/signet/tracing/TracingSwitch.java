package dev.signet.tracing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns traces on with one setting, {@code SIGNET_TRACING_OTLP_ENDPOINT} (an OTLP/HTTP
 * traces URL such as {@code http://otel-collector:4318/v1/traces}; Spring Boot's own
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} works too), and leaves
 * them out entirely without it.
 *
 * <p>
 * On: the endpoint becomes Spring Boot's OTLP tracing endpoint and every request is
 * sampled unless {@code management.tracing.sampling.probability} says otherwise. Off (the
 * default): Spring Boot's tracing auto-configurations are excluded, so the context has no
 * {@code Tracer}, no tracing observation handler and no OpenTelemetry SDK, and a request
 * does exactly the work it did before tracing existed (the {@code http.server.requests}
 * timer); log lines have no trace id column. On, Spring Boot's log correlation puts the
 * trace and span ids in every log line of a request.
 *
 * @author Signet developers
 */
public class TracingSwitch implements EnvironmentPostProcessor, Ordered {

	/** The one setting. */
	public static final String SETTING = "SIGNET_TRACING_OTLP_ENDPOINT";

	/** Spring Boot's property of the OTLP traces endpoint. */
	static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	static final String SAMPLING = "management.tracing.sampling.probability";

	static final String EXCLUDE = "spring.autoconfigure.exclude";

	static final String CORRELATION = "logging.pattern.correlation";

	/** What makes traces: left out while tracing is off. */
	static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
			"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = endpoint(environment);
		Map<String, Object> settings = new LinkedHashMap<>();
		if (endpoint == null) {
			List<String> excluded = new ArrayList<>(
					StringUtils.commaDelimitedListToSet(environment.getProperty(EXCLUDE, "")));
			excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
			settings.put(EXCLUDE, String.join(",", excluded));
			// No empty trace and span id columns in every log line.
			settings.put(CORRELATION, "");
			environment.getPropertySources().addFirst(new MapPropertySource("signetTracingOff", settings));
			return;
		}
		settings.put(BOOT_ENDPOINT, endpoint);
		environment.getPropertySources().addFirst(new MapPropertySource("signetTracingEndpoint", settings));
		if (environment.getProperty(SAMPLING) == null) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("signetTracingDefaults", Map.of(SAMPLING, "1.0")));
		}
	}

	/**
	 * The OTLP endpoint, from Signet's setting or Spring Boot's property.
	 * @param environment the environment
	 * @return the endpoint, or {@code null} when tracing is off
	 * @throws InvalidSettingException when the setting is not an http(s) URL
	 */
	static @Nullable String endpoint(ConfigurableEnvironment environment) {
		String setting = SETTING;
		String value = environment.getProperty(SETTING);
		if (!StringUtils.hasText(value)) {
			setting = BOOT_ENDPOINT;
			value = environment.getProperty(BOOT_ENDPOINT);
		}
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String endpoint = value.strip();
		URI uri;
		try {
			uri = URI.create(endpoint);
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null
				|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw new InvalidSettingException(setting,
					"it must be the http:// or https:// URL of an OTLP/HTTP traces endpoint, such as "
							+ "http://otel-collector:4318/v1/traces");
		}
		return endpoint;
	}

	@Override
	public int getOrder() {
		// After application.properties and the config tree are read.
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
