package dev.signet.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FastHeaderChecks} answers exactly what Spring Security's own checks answer, on
 * generated inputs around every edge of their grammars.
 *
 * @author Signet developers
 */
class FastHeaderChecksTests {

	// StrictHttpFirewall's defaults (spring-security-web 7.0).
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	private static final String[] PIECES = { "a", "Z", "0", "-", ".", "_", "~", "+", "/", "=", " ", "\t", "\n", "\r",
			"\u0000", "\u0007", "\u007f", "\u0085", "\u00a0", "\u00e9", "\u0378", "\ud83d\ude00", "\ud800", "|", ":",
			",", "\"", "%", "Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Basic ", "eyJhbGciOi" };

	private final Random random = new Random(17);

	private String generated(int maxPieces) {
		StringBuilder s = new StringBuilder();
		int n = this.random.nextInt(maxPieces + 1);
		for (int i = 0; i < n; i++) {
			s.append(PIECES[this.random.nextInt(PIECES.length)]);
		}
		return s.toString();
	}

	@Test
	void headerNamesAndValuesAreAcceptedExactlyAsByTheFirewallsDefaults() {
		Predicate<String> names = FastHeaderChecks.headerNames();
		Predicate<String> values = FastHeaderChecks.headerValues();
		int accepted = 0;
		for (int i = 0; i < 50_000; i++) {
			String s = generated(8);
			assertThat(names.test(s)).as("name %s", escaped(s)).isEqualTo(NAMES.matcher(s).matches());
			assertThat(values.test(s)).as("value %s", escaped(s)).isEqualTo(VALUES.matcher(s).matches());
			accepted += values.test(s) ? 1 : 0;
		}
		assertThat(accepted).as("both answers occur").isBetween(1000, 49_000);
	}

	@Test
	void bearerTokensAreResolvedExactlyAsByTheDefaultResolver() {
		BearerTokenResolver fast = FastHeaderChecks.bearerTokens();
		DefaultBearerTokenResolver original = new DefaultBearerTokenResolver();
		List<String> prefixes = List.of("Bearer ", "bearer ", "BEARER ", "Bearer", "", "Basic ");
		int tokens = 0;
		for (int i = 0; i < 20_000; i++) {
			String authorization = prefixes.get(this.random.nextInt(prefixes.size())) + generated(6);
			MockHttpServletRequest request = new MockHttpServletRequest(this.random.nextBoolean() ? "POST" : "GET",
					"/v1/signatures");
			if (this.random.nextInt(4) > 0) {
				request.addHeader("Authorization", authorization);
			}
			switch (this.random.nextInt(4)) {
				case 0 -> {
					request.setQueryString("access_token=abc");
					request.addParameter("access_token", "abc");
				}
				case 1 -> {
					request.setContentType("application/x-www-form-urlencoded");
					request.addParameter("access_token", "abc");
				}
				default -> request.setContentType("application/json");
			}
			String expected = answer(original, request);
			assertThat(answer(fast, request)).as("%s %s", request.getMethod(), escaped(authorization))
				.isEqualTo(expected);
			tokens += (expected != null && expected.startsWith("token:")) ? 1 : 0;
		}
		assertThat(tokens).as("well-formed tokens occur").isGreaterThan(500);
	}

	private static String answer(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			String token = resolver.resolve(request);
			return (token != null) ? "token:" + token : null;
		}
		catch (OAuth2AuthenticationException ex) {
			return "error:" + ex.getError().getErrorCode() + ":" + ex.getError().getDescription();
		}
	}

	private static String escaped(String s) {
		List<String> codes = new ArrayList<>();
		s.chars().forEach((c) -> codes.add(Integer.toHexString(c)));
		return codes.toString();
	}

}
