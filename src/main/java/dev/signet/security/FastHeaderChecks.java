package dev.signet.security;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's own header checks, answered without a regular expression in the
 * common case and by Spring Security's own code otherwise. On the JWT path a
 * 600-character token is matched against a regular expression once by the firewall, every
 * time a filter reads the header, and once more by the bearer-token resolver: together a
 * fifth of the CPU samples of a JWT signature (JFR, docs/performance.md). Each fast path
 * accepts only inputs that the original certainly accepts, with the same result; every
 * other input goes to the original, so that no answer changes
 * ({@code FastHeaderChecksTests} compares both on generated inputs).
 *
 * @author Signet developers
 */
final class FastHeaderChecks {

	// StrictHttpFirewall's defaults (spring-security-web 7.0), unchanged.
	private static final Pattern HEADER_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	private static final String BEARER = "Bearer ";

	private FastHeaderChecks() {
	}

	/**
	 * A firewall with Spring Security's defaults whose header checks pass printable ASCII
	 * without a regular expression.
	 * @return the firewall
	 */
	static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(headerNames());
		firewall.setAllowedHeaderValues(headerValues());
		return firewall;
	}

	static Predicate<String> headerNames() {
		return (name) -> printableAscii(name, false) || HEADER_NAME.matcher(name).matches();
	}

	static Predicate<String> headerValues() {
		return (value) -> printableAscii(value, true) || HEADER_VALUE.matcher(value).matches();
	}

	// Printable ASCII (and tab where allowed) is assigned and not a control character.
	private static boolean printableAscii(String s, boolean tab) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if ((c < 0x20 || c > 0x7e) && !(tab && c == '\t')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * {@link DefaultBearerTokenResolver} (defaults: header only), with a fast path for a
	 * well-formed {@code Authorization: Bearer <token>} on a request that cannot carry an
	 * {@code access_token} parameter (no query string, not a form), where the default
	 * answers the token itself.
	 * @return the resolver
	 */
	static BearerTokenResolver bearerTokens() {
		DefaultBearerTokenResolver fallback = new DefaultBearerTokenResolver();
		return (request) -> {
			String token = wellFormedBearer(request);
			return (token != null) ? token : fallback.resolve(request);
		};
	}

	private static @Nullable String wellFormedBearer(HttpServletRequest request) {
		if (request.getQueryString() != null) {
			return null;
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("form")) {
			return null;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.startsWith(BEARER)) {
			return null;
		}
		// The default's grammar: [a-zA-Z0-9-._~+/]+=* after "Bearer ".
		int i = BEARER.length();
		int end = authorization.length();
		while (i < end && tokenChar(authorization.charAt(i))) {
			i++;
		}
		if (i == BEARER.length()) {
			return null;
		}
		while (i < end && authorization.charAt(i) == '=') {
			i++;
		}
		return (i == end) ? authorization.substring(BEARER.length()) : null;
	}

	private static boolean tokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
