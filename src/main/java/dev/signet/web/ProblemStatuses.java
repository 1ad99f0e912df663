package dev.signet.web;

import dev.signet.refusal.Reason;

/**
 * The one place where a refusal's {@link Reason} becomes an HTTP status, and a status
 * that the container or the framework produced becomes a reason.
 *
 * @author Signet developers
 */
public final class ProblemStatuses {

	private ProblemStatuses() {
	}

	/**
	 * The HTTP status of a reason.
	 * @param reason the reason
	 * @return the status code
	 */
	public static int of(Reason reason) {
		return switch (reason) {
			case MALFORMED_JSON, INVALID_REQUEST, PARAMETER_NOT_ALLOWED, INVALID_PARAMETER, UNKNOWN_PROFILE,
					TIMESTAMP_OUT_OF_WINDOW, BAD_REQUEST, UNKNOWN_ACCOUNT, MALFORMED_NOTIFICATION,
					UPLOAD_RESPONSE_INVALID ->
				400;
			case UNAUTHENTICATED, INVALID_NOTIFICATION -> 401;
			case FORBIDDEN, PROFILE_FORBIDDEN -> 403;
			case NOT_FOUND, NO_SUCH_PROFILE, UPLOAD_NOT_FOUND -> 404;
			case UPLOAD_RESPONSE_MISMATCH, ASSET_NOT_FOUND -> 422;
			case METHOD_NOT_ALLOWED -> 405;
			case NOT_ACCEPTABLE -> 406;
			case REQUEST_TIMEOUT -> 408;
			case UPLOAD_SESSION_ENDED -> 410;
			case PAYLOAD_TOO_LARGE -> 413;
			case UNSUPPORTED_MEDIA_TYPE -> 415;
			case RATE_LIMITED -> 429;
			case INTERNAL_ERROR -> 500;
			case NOT_CONFIGURED -> 501;
			case SERVICE_UNAVAILABLE, CLOUDINARY_UNAVAILABLE -> 503;
		};
	}

	/**
	 * The reason for an HTTP status that has no more specific one (errors of the
	 * container or the framework).
	 * @param status the status code
	 * @return the reason
	 */
	public static Reason reasonFor(int status) {
		return switch (status) {
			case 401 -> Reason.UNAUTHENTICATED;
			case 403 -> Reason.FORBIDDEN;
			case 404 -> Reason.NOT_FOUND;
			case 405 -> Reason.METHOD_NOT_ALLOWED;
			case 406 -> Reason.NOT_ACCEPTABLE;
			case 413 -> Reason.PAYLOAD_TOO_LARGE;
			case 415 -> Reason.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> Reason.RATE_LIMITED;
			case 503 -> Reason.SERVICE_UNAVAILABLE;
			// 501 (a transfer coding Tomcat does not know) and 505 are the client's to
			// fix.
			case 501, 505 -> Reason.BAD_REQUEST;
			default -> (status >= 500) ? Reason.INTERNAL_ERROR : Reason.BAD_REQUEST;
		};
	}

}
