package dev.signet.refusal;

import org.jspecify.annotations.Nullable;

/**
 * The state of the tightest rate limit that applied to a request, let through or refused:
 * what the client is told about it.
 *
 * @param policyItem the limit's quota and window as a {@code RateLimit-Policy} item
 * ({@code "caller";q=60;w=60}), or {@code null} when limits are off
 * @param name the name of that limit
 * @param remaining requests left under it
 * @param resetSeconds seconds until its bucket is full again
 * @author Signet developers
 */
public record LimitStatus(@Nullable String policyItem, String name, long remaining, long resetSeconds) {

	/** Limits are off: nothing to tell. */
	public static final LimitStatus UNLIMITED = new LimitStatus(null, "", Long.MAX_VALUE, 0);

	/**
	 * Whether there is a limit to tell about.
	 * @return false when limits are off
	 */
	public boolean limited() {
		return this.policyItem != null;
	}

}
