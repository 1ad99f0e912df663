package dev.signet.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.signet.refusal.LimitStatus;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one writer of Signet's {@code application/problem+json} bodies: a stable
 * {@code type}, a {@code title}, the {@code status} ({@link ProblemStatuses}), a
 * {@code detail} saying what to change, the {@code request_id}, the {@code trace_id}
 * while traces are on and, for parameter problems, {@code invalid_params}; with
 * {@code Retry-After} and the rate-limit headers a refusal asks for. Used by the MVC
 * advice, the security handlers, the filters, the error controller and Tomcat's error
 * valve alike.
 *
 * @author Signet developers
 */
public final class ProblemResponses {

	/** Header of the rate-limit policy (draft-ietf-httpapi-ratelimit-headers-10). */
	public static final String POLICY_HEADER = "RateLimit-Policy";

	/** Header of the rate-limit state (draft-ietf-httpapi-ratelimit-headers-10). */
	public static final String RATE_LIMIT_HEADER = "RateLimit";

	/** Seconds a client refused while Signet stops should wait before it retries. */
	public static final String STOPPING_RETRY_AFTER = "1";

	/** What to change when a request that needs a body sends none. */
	public static final String MISSING_BODY = "The request body is missing or unreadable; send a JSON object.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final @Nullable Tracer tracer;

	/**
	 * Problem responses without trace ids (for code that runs outside any trace, such as
	 * Tomcat's error valve).
	 */
	public ProblemResponses() {
		this(null);
	}

	/**
	 * Problem responses that carry the id of the trace they are part of.
	 * @param tracer the tracer, or {@code null} while traces are off
	 */
	public ProblemResponses(@Nullable Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * Builds the problem for a refusal.
	 * @param request the request
	 * @param refusal the refusal
	 * @return the problem detail
	 */
	public ProblemDetail problem(HttpServletRequest request, Refusal refusal) {
		ProblemDetail problem = problem(request, ProblemStatuses.of(refusal.reason()), refusal.reason(),
				refusal.detail());
		if (!refusal.invalidParams().isEmpty()) {
			problem.setProperty("invalid_params", refusal.invalidParams());
		}
		refusal.properties().forEach(problem::setProperty);
		return problem;
	}

	/**
	 * Builds a problem for a status the container or the framework chose.
	 * @param request the request
	 * @param status the HTTP status
	 * @param reason the reason
	 * @param detail what to change
	 * @return the problem detail
	 */
	public ProblemDetail problem(HttpServletRequest request, int status, Reason reason, String detail) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setType(reason.uri());
		problem.setTitle(reason.title());
		problem.setDetail(detail);
		if (request.getRequestURI() != null) {
			problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^A-Za-z0-9/._~-]", "_")));
		}
		problem.setProperty("request_id", RequestIds.of(request));
		if (this.tracer != null) {
			Span span = this.tracer.currentSpan();
			if (span != null) {
				problem.setProperty("trace_id", span.context().traceId());
			}
		}
		return problem;
	}

	/**
	 * The refusal an unexpected failure is answered with (a 500 that names no cause).
	 * @return the refusal
	 */
	public static Refusal unexpected() {
		return new Refusal(Reason.INTERNAL_ERROR,
				"Signet failed to serve this request. Retry later and quote the request id if it persists.");
	}

	/**
	 * The response headers a refusal asks for: {@code Retry-After} and, for a rate limit,
	 * {@code RateLimit-Policy} and {@code RateLimit}.
	 * @param refusal the refusal
	 * @return header values by name, in order
	 */
	public static Map<String, String> headers(Refusal refusal) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (refusal.retryAfterSeconds() != null) {
			headers.put("Retry-After", Long.toString(refusal.retryAfterSeconds()));
		}
		if (refusal.limit() != null) {
			headers.putAll(rateLimitHeaders(refusal.limit()));
		}
		return headers;
	}

	/**
	 * The {@code RateLimit-Policy} and {@code RateLimit} headers of a limit's state
	 * (draft-ietf-httpapi-ratelimit-headers-10 syntax).
	 * @param limit the tightest limit that applied
	 * @return header values by name, empty when limits are off
	 */
	public static Map<String, String> rateLimitHeaders(LimitStatus limit) {
		if (!limit.limited()) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(POLICY_HEADER, limit.policyItem());
		headers.put(RATE_LIMIT_HEADER,
				"\"" + limit.name() + "\";r=" + limit.remaining() + ";t=" + limit.resetSeconds());
		return headers;
	}

	/**
	 * The detail for an error the container produced before any Signet code ran.
	 * @param status the HTTP status
	 * @return what to change
	 */
	public static String containerDetail(int status) {
		return switch (status) {
			case 400 -> "The request cannot be parsed: check the request line, the header sizes and that the URI "
					+ "has only valid (percent-encoded) characters.";
			case 404 -> "No endpoint at this path; see /v3/api-docs for the API.";
			case 413, 414 -> "The request line or headers are too large; send a shorter URI or fewer headers.";
			case 503 -> "Signet is stopping and did not read this request; retry it (on another instance).";
			case 501 -> "A transfer coding of this request is not supported; send the body with Content-Length or "
					+ "Transfer-Encoding: chunked.";
			case 505 -> "Only HTTP/1.1 and HTTP/1.0 are supported; resend the request over one of them.";
			default -> (status >= 500) ? "Signet failed to serve this request. Retry later."
					: "The request cannot be served as sent.";
		};
	}

	/**
	 * Writes a refusal straight to the response, for code that runs outside Spring MVC.
	 * @param request the request
	 * @param response the response
	 * @param refusal the refusal
	 * @throws IOException when writing fails
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
		headers(refusal).forEach(response::setHeader);
		write(response, problem(request, refusal));
	}

	/**
	 * Writes a problem to the response.
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException when writing fails
	 */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		response.getOutputStream().write(json(problem).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The JSON text of a problem, members in a stable order.
	 * @param problem the problem
	 * @return the JSON
	 */
	public String json(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return JSON.writeValueAsString(body);
	}

}
