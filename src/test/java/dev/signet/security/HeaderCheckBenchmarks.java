package dev.signet.security;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * JMH: the firewall's header-value check and the bearer-token resolver on a typical
 * access token (RS256, about 600 characters), Spring Security's defaults against
 * {@link FastHeaderChecks}. Run with {@code bench/jmh.sh HeaderCheckBenchmarks}.
 *
 * @author Signet developers
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderCheckBenchmarks {

	private static final String AUTHORIZATION = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImJlbmNoIn0."
			+ "eyJpc3MiOiJodHRwczovL2JlbmNoLmxvY2FsIiwic3ViIjoiYmVuY2gtdXNlciIsImF1ZCI6InNpZ25ldCIsImF6cCI6ImJlbmNo"
			+ "Iiwic2NvcGUiOiJzaWduZXQ6c2lnbiIsImlhdCI6MTc2NDM3NzAwMCwiZXhwIjoxNzY0Mzg3ODAwfQ."
			+ "d2VsbC1mb3JtZWQtYnV0LW5vdC1hLXJlYWwtc2lnbmF0dXJlLWp1c3QtYnl0ZXMtdG8tbWFrZS10aGUtdG9rZW4tYXMtbG9uZy1hcy"
			+ "1hbi1SUzI1Ni1zaWduYXR1cmUtb2YtMjU2LWJ5dGVzLWZvci10aGUtYmVuY2htYXJrLXRoYXQtbWVhc3VyZXMtaGVhZGVyLWNoZWNr"
			+ "cy1hbmQtdGhlLWJlYXJlci10b2tlbi1yZXNvbHZlci1vbi1hLXJlYWxpc3RpYy1pbnB1dC1sZW5ndGgtb2YtYWJvdXQtc2l4LWh1bmRyZWQ";

	private Predicate<String> originalValues;

	private final Predicate<String> fastValues = FastHeaderChecks.headerValues();

	private final BearerTokenResolver originalResolver = new DefaultBearerTokenResolver();

	private final BearerTokenResolver fastResolver = FastHeaderChecks.bearerTokens();

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/signatures");

	@Setup
	public void setUp() throws ReflectiveOperationException {
		this.request.setContentType("application/json");
		this.request.addHeader("Authorization", AUTHORIZATION);
		Field field = StrictHttpFirewall.class.getDeclaredField("allowedHeaderValues");
		field.setAccessible(true);
		@SuppressWarnings("unchecked")
		Predicate<String> original = (Predicate<String>) field.get(new StrictHttpFirewall());
		this.originalValues = original;
	}

	@Benchmark
	public boolean headerValueOriginal() {
		return this.originalValues.test(AUTHORIZATION);
	}

	@Benchmark
	public boolean headerValueFast() {
		return this.fastValues.test(AUTHORIZATION);
	}

	@Benchmark
	public String bearerOriginal() {
		return this.originalResolver.resolve(this.request);
	}

	@Benchmark
	public String bearerFast() {
		return this.fastResolver.resolve(this.request);
	}

}
