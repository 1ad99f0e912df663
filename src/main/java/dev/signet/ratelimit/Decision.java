package dev.signet.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request that the limits let through, with what to tell the client about the tightest
 * limit that applied.
 *
 * @param policyItem the {@code RateLimit-Policy} item of the tightest limit, or
 * {@code null} when limits are off
 * @param name the name of that limit
 * @param remaining requests left under it
 * @param resetSeconds seconds until its bucket is full again
 * @author Signet developers
 */
public record Decision(@Nullable String policyItem, String name, long remaining, long resetSeconds) {

	/** Limits are off: nothing to tell. */
	public static final Decision UNLIMITED = new Decision(null, "", Long.MAX_VALUE, 0);

	/**
	 * The {@code RateLimit-Policy} and {@code RateLimit} response headers
	 * (draft-ietf-httpapi-ratelimit-headers-10 syntax).
	 * @return header values by name, empty when limits are off
	 */
	public Map<String, String> headers() {
		if (this.policyItem == null) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(RateLimiter.POLICY_HEADER, this.policyItem);
		headers.put(RateLimiter.RATE_LIMIT_HEADER,
				"\"" + this.name + "\";r=" + this.remaining + ";t=" + this.resetSeconds);
		return headers;
	}

}
