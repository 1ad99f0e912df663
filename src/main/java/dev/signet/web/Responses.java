package dev.signet.web;

import dev.signet.refusal.LimitStatus;

import org.springframework.http.ResponseEntity;

/**
 * Successful answers with the rate-limit headers of the tightest limit that applied.
 *
 * @author Signet developers
 */
public final class Responses {

	private Responses() {
	}

	/**
	 * A 200 with a body and the {@code RateLimit-Policy} and {@code RateLimit} headers.
	 * @param <T> the body type
	 * @param body the body
	 * @param limit the limit's state
	 * @return the response
	 */
	public static <T> ResponseEntity<T> ok(T body, LimitStatus limit) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok();
		addLimit(builder, limit);
		return builder.body(body);
	}

	/**
	 * A 201 with a body, its {@code Location} and the rate-limit headers.
	 * @param <T> the body type
	 * @param location the path of what was created
	 * @param body the body
	 * @param limit the limit's state
	 * @return the response
	 */
	public static <T> ResponseEntity<T> created(String location, T body, LimitStatus limit) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(201).header("Location", location);
		addLimit(builder, limit);
		return builder.body(body);
	}

	/**
	 * A 204 with the rate-limit headers.
	 * @param limit the limit's state
	 * @return the response
	 */
	public static ResponseEntity<Void> noContent(LimitStatus limit) {
		ResponseEntity.HeadersBuilder<?> builder = ResponseEntity.noContent();
		addLimit(builder, limit);
		return builder.build();
	}

	private static void addLimit(ResponseEntity.HeadersBuilder<?> builder, LimitStatus limit) {
		ProblemResponses.rateLimitHeaders(limit).forEach((name, value) -> builder.header(name, value));
	}

}
