package dev.signet.web;

import dev.signet.refusal.LimitStatus;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Successful answers with the rate-limit headers of the tightest limit that applied.
 * Controllers answer their typed body and write status and headers here, from the result
 * of the access pipeline: the body goes through MVC's plain {@code @ResponseBody} path,
 * which (unlike {@code ResponseEntity}'s) does not flush the response before it is
 * complete, so answers keep their {@code Content-Length} and go out in one write.
 *
 * @author Signet developers
 */
public final class Responses {

	private Responses() {
	}

	/**
	 * A 200: adds the {@code RateLimit-Policy} and {@code RateLimit} headers.
	 * @param <T> the body type
	 * @param response the response
	 * @param body the body
	 * @param limit the limit's state
	 * @return the body
	 */
	public static <T> T ok(HttpServletResponse response, T body, LimitStatus limit) {
		addLimit(response, limit);
		return body;
	}

	/**
	 * A 201: its {@code Location} and the rate-limit headers.
	 * @param <T> the body type
	 * @param response the response
	 * @param location the path of what was created
	 * @param body the body
	 * @param limit the limit's state
	 * @return the body
	 */
	public static <T> T created(HttpServletResponse response, String location, T body, LimitStatus limit) {
		response.setStatus(HttpServletResponse.SC_CREATED);
		response.setHeader("Location", location);
		addLimit(response, limit);
		return body;
	}

	/**
	 * A 204 with the rate-limit headers.
	 * @param response the response
	 * @param limit the limit's state
	 */
	public static void noContent(HttpServletResponse response, LimitStatus limit) {
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		addLimit(response, limit);
	}

	private static void addLimit(HttpServletResponse response, LimitStatus limit) {
		ProblemResponses.rateLimitHeaders(limit).forEach(response::setHeader);
	}

}
