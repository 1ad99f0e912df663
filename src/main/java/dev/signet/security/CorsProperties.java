package dev.signet.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call Signet: exact origins only, never {@code *}.
 *
 * @param allowedOrigins origins such as {@code https://app.example.com}
 * @param maxAge how long browsers may cache a preflight answer
 * @author Signet developers
 */
@ConfigurationProperties("signet.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

	public CorsProperties {
		for (String origin : allowedOrigins) {
			if (!isExactOrigin(origin)) {
				throw new IllegalArgumentException("signet.cors.allowed-origins (SIGNET_CORS_ALLOWED_ORIGINS) accepts "
						+ "exact origins such as https://app.example.com: no '*', path, query or trailing '/'");
			}
		}
	}

	private static boolean isExactOrigin(String origin) {
		if (origin.contains("*")) {
			return false;
		}
		try {
			URI uri = new URI(origin);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawPath() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
					&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
