package dev.signet.system;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds Signet's {@code application/problem+json} bodies: a stable {@code type}, a
 * {@code title}, the {@code status}, a {@code detail} saying what to change, the
 * {@code request_id} and, for parameter problems, {@code invalid_params}.
 *
 * @author Signet developers
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Builds the problem for a refusal.
	 * @param request the request
	 * @param ex the refusal
	 * @return the problem detail
	 */
	public ProblemDetail problem(HttpServletRequest request, ProblemException ex) {
		ProblemDetail problem = ProblemDetail.forStatus(ex.getStatus());
		problem.setType(ex.getType().uri());
		problem.setTitle(ex.getType().title());
		problem.setDetail(ex.getDetail());
		decorate(request, problem);
		if (!ex.getInvalidParams().isEmpty()) {
			problem.setProperty("invalid_params", ex.getInvalidParams());
		}
		ex.getProperties().forEach(problem::setProperty);
		return problem;
	}

	/**
	 * Adds the instance and request id to a problem.
	 * @param request the request
	 * @param problem the problem
	 */
	public void decorate(HttpServletRequest request, ProblemDetail problem) {
		problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^A-Za-z0-9/._~-]", "_")));
		problem.setProperty("request_id", RequestIds.of(request));
	}

	/**
	 * Writes a refusal straight to the response, for filters that run outside Spring MVC.
	 * @param request the request
	 * @param response the response
	 * @param ex the refusal
	 * @throws IOException when writing fails
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemException ex)
			throws IOException {
		ex.getHeaders().forEach(response::setHeader);
		write(response, problem(request, ex));
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
		response.setHeader("Cache-Control", "no-store");
		JSON.writeValue(response.getOutputStream(), toMap(problem));
	}

	static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
