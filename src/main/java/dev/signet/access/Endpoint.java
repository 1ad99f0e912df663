package dev.signet.access;

import dev.signet.ratelimit.RateLimitProperties;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints that go through the pipeline, with what they issue (the audit event's
 * prefix) and whose buckets they spend from. Signing endpoints spend from the buckets of
 * their profile; the others from the buckets of their kind
 * ({@code signet.rate-limit.profiles.<kind>} overrides the defaults), so that loading a
 * page of private images or debugging a signature never uses up upload signatures.
 *
 * @author Signet developers
 */
public enum Endpoint {

	/** {@code POST /v1/signatures}: Signet stamps the timestamp. */
	STAMPED("stamped", "signature", null),

	/** {@code POST /v1/signatures/widget}: the Upload Widget's parameters as given. */
	WIDGET("widget", "signature", null),

	/**
	 * {@code POST /v1/uploads}: an upload session, signed like {@link #STAMPED} and
	 * spending from the same buckets of its profile.
	 */
	UPLOAD_SESSION("upload_session", "signature", null),

	/**
	 * {@code POST /v1/uploads/{id}/signature}: a part's fresh signature, from the
	 * {@code resigning} buckets, never the caller's signatures.
	 */
	UPLOAD_RESIGN("upload_resign", "signature", RateLimitProperties.RESIGNING),

	/** {@code POST /v1/delivery-urls}. */
	DELIVERY_URL("delivery_url", "delivery_url", RateLimitProperties.DELIVERY),

	/** {@code POST /v1/auth-tokens}. */
	AUTH_TOKEN("auth_token", "auth_token", RateLimitProperties.DELIVERY),

	/** {@code POST /v1/diagnostics/invalid-signature}. */
	DIAGNOSIS("diagnosis", "diagnosis", RateLimitProperties.DIAGNOSTICS),

	/**
	 * The endpoints that check or describe rather than issue:
	 * {@code /v1/notifications/verify}, {@code /v1/responses/verify} and
	 * {@code /v1/profiles/*}.
	 */
	VERIFICATION("verification", "verification", RateLimitProperties.VERIFICATION),

	/**
	 * The operator pages, {@code /v1/operator/**}: they describe profiles, limits,
	 * accounts and recent decisions, from the {@code operator} buckets.
	 */
	OPERATOR("operator", "operator", RateLimitProperties.OPERATOR);

	private final String tag;

	private final String construction;

	private final @Nullable String bucket;

	Endpoint(String tag, String construction, @Nullable String bucket) {
		this.tag = tag;
		this.construction = construction;
		this.bucket = bucket;
	}

	/**
	 * The endpoint's name in metrics and audit events.
	 * @return the name
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * What the endpoint issues, the prefix of its audit events
	 * ({@code signature.issued}).
	 * @return the construction's name
	 */
	public String construction() {
		return this.construction;
	}

	/**
	 * The buckets a request spends from.
	 * @param profile the selected profile's name
	 * @return the bucket name: the profile for signing endpoints, else the kind
	 */
	public String bucket(String profile) {
		return (this.bucket != null) ? this.bucket : profile;
	}

}
