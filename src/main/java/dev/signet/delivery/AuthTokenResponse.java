package dev.signet.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An issued {@code __cld_token__}.
 *
 * @param token the token value, as the cookie value
 * @param query the query parameter to append to a URL, {@code __cld_token__=...}
 * @param cookieName the cookie name, {@code __cld_token__}
 * @param url the requested URL path with the token appended, when a URL was given
 * @param startTime the UNIX time it becomes valid, when given
 * @param expiration the UNIX time it expires
 * @param expiresAt the same as ISO-8601 UTC
 * @param profile the delivery profile that allowed it
 * @param account the Signet account whose token key signed
 * @param tokenKeyFingerprint the fingerprint of that token key
 * @author Signet developers
 */
public record AuthTokenResponse(String token, String query, @JsonProperty("cookie_name") String cookieName,
		@Nullable String url, @JsonProperty("start_time") @Nullable Long startTime, long expiration,
		@JsonProperty("expires_at") String expiresAt, String profile, String account,
		@JsonProperty("token_key_fingerprint") String tokenKeyFingerprint) {

}
