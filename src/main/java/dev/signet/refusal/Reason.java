package dev.signet.refusal;

import java.net.URI;

/**
 * Why Signet refuses something, as the domain says it: each reason has a stable slug (the
 * problem {@code type} URI clients switch on) and a title. Which HTTP status a reason
 * gets is decided in one place, {@code dev.signet.web.ProblemStatuses}. Two reasons may
 * share a slug when the domain tells apart what clients see as one type.
 *
 * @author Signet developers
 */
public enum Reason {

	/** The body is not valid JSON, or breaks a parser limit. */
	MALFORMED_JSON("malformed-json", "Malformed JSON"),

	/** The JSON is valid but not the shape the endpoint expects. */
	INVALID_REQUEST("invalid-request", "Invalid request"),

	/** At least one parameter is not allowed to be signed. */
	PARAMETER_NOT_ALLOWED("parameter-not-allowed", "Parameter not allowed"),

	/** At least one parameter has a refused name or value. */
	INVALID_PARAMETER("invalid-parameter", "Invalid parameter"),

	/** The request names a profile that does not exist. */
	UNKNOWN_PROFILE("unknown-profile", "Unknown profile"),

	/** A profile looked up by name, as a resource, does not exist. */
	NO_SUCH_PROFILE("unknown-profile", "Unknown profile"),

	/** The caller may not use the profile it asked for. */
	PROFILE_FORBIDDEN("profile-forbidden", "Profile not allowed"),

	/** A widget timestamp outside the accepted window around server time. */
	TIMESTAMP_OUT_OF_WINDOW("timestamp-out-of-window", "Timestamp out of window"),

	/**
	 * No upload session of that id for this caller: it never existed, expired and was
	 * forgotten, or belongs to another caller.
	 */
	UPLOAD_NOT_FOUND("upload-not-found", "Upload not found"),

	/**
	 * An upload response sent to {@code POST /v1/uploads/{id}/complete} that is not JSON
	 * of Cloudinary's shape, or whose {@code signature} no key of the account made.
	 */
	UPLOAD_RESPONSE_INVALID("upload-response-invalid", "Invalid upload response"),

	/** A validly signed upload response of another upload than the one named. */
	UPLOAD_RESPONSE_MISMATCH("upload-response-mismatch", "Upload response of another upload"),

	/** Cloudinary's Admin API has no asset of the upload response's public id. */
	ASSET_NOT_FOUND("asset-not-found", "No such asset at Cloudinary"),

	/** Cloudinary's API did not answer in time or answered an error; retry later. */
	CLOUDINARY_UNAVAILABLE("cloudinary-unavailable", "Cloudinary unavailable"),

	/** The upload session expired or was finished: it signs no more parts. */
	UPLOAD_SESSION_ENDED("upload-session-ended", "Upload session ended"),

	/** No or wrong credentials. */
	UNAUTHENTICATED("unauthenticated", "Authentication required"),

	/** Authenticated, but not allowed to do this. */
	FORBIDDEN("forbidden", "Forbidden"),

	/** Unknown path. */
	NOT_FOUND("not-found", "Not found"),

	/** Known path, wrong HTTP method. */
	METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),

	/** Content type other than JSON. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),

	/** The client accepts no representation we can produce. */
	NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),

	/** The body is larger than the limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large"),

	/** The request body did not arrive within the read deadline. */
	REQUEST_TIMEOUT("request-timeout", "Request timeout"),

	/** Some other bad request. */
	BAD_REQUEST("bad-request", "Bad request"),

	/** The request names a Cloudinary account that is not configured. */
	UNKNOWN_ACCOUNT("unknown-account", "Unknown account"),

	/** A notification sent to the receiver is unsigned, badly signed or stale. */
	INVALID_NOTIFICATION("invalid-notification", "Invalid notification"),

	/** A notification whose headers or body are not of the form Cloudinary sends. */
	MALFORMED_NOTIFICATION("invalid-notification", "Invalid notification"),

	/** The feature needs configuration this deployment lacks. */
	NOT_CONFIGURED("not-configured", "Not configured"),

	/** Too many requests for a rate limit or quota; retry after the time given. */
	RATE_LIMITED("rate-limited", "Too many requests"),

	/** A dependency is down; try again later. */
	SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable"),

	/** A fault on our side. */
	INTERNAL_ERROR("internal-error", "Internal error");

	/** Prefix of every problem type URI. */
	public static final String BASE = "https://signet.dev/problems/";

	private final String slug;

	private final URI uri;

	private final String title;

	Reason(String slug, String title) {
		this.slug = slug;
		this.uri = URI.create(BASE + slug);
		this.title = title;
	}

	/**
	 * The stable name of this reason, the last segment of its type URI.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * The problem type URI.
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * A short human-readable summary.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

}
