package dev.signet.signing;

import java.io.IOException;
import java.util.Enumeration;

import dev.signet.access.CallerClaim;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.security.CallerResolver;
import dev.signet.web.PayloadTooLargeException;
import dev.signet.web.ProblemResponses;
import dev.signet.web.ProblemStatuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The plain requests of the two signing endpoints, served without Spring MVC's generic
 * handler lookup, argument resolution, content negotiation and message converters: a
 * {@code POST} to exactly {@code /v1/signatures} or {@code /v1/signatures/widget} with a
 * JSON body and an {@code Accept} that takes JSON. It reads the body's bytes, calls the
 * same {@link SignatureController} method MVC would, and writes the answer's bytes with
 * the application's JSON mapper, so both entrances answer alike; refusals go out through
 * {@link ProblemResponses}, the writer every problem uses. Everything else (another
 * method, media type or parameter, {@code Accept}, path form, a repeated {@code profile}
 * parameter) falls through to MVC's mapping of the controller, which answers it as before
 * and which the OpenAPI document describes. It runs behind the whole filter chain:
 * request id, body limit, Spring Security, CORS and the {@code http.server.requests}
 * observation (tagged with the endpoint's path, as MVC tags it).
 *
 * @author Signet developers
 */
class SignatureFastPath implements HandlerMapping, Ordered {

	static final String STAMPED = "/v1/signatures";

	static final String WIDGET = "/v1/signatures/widget";

	private static final Log log = LogFactory.getLog(SignatureFastPath.class);

	private final HandlerExecutionChain stamped;

	private final HandlerExecutionChain widget;

	private final SignatureController controller;

	private final CallerResolver callers;

	private final ProblemResponses problems;

	private final JsonMapper json;

	SignatureFastPath(SignatureController controller, CallerResolver callers, ProblemResponses problems,
			JsonMapper json) {
		this.controller = controller;
		this.callers = callers;
		this.problems = problems;
		this.json = json;
		this.stamped = new HandlerExecutionChain((HttpRequestHandler) this::stamp);
		this.widget = new HandlerExecutionChain((HttpRequestHandler) this::widget);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) {
		String path = request.getRequestURI();
		HandlerExecutionChain chain = STAMPED.equals(path) ? this.stamped : WIDGET.equals(path) ? this.widget : null;
		if (chain == null || !"POST".equals(request.getMethod()) || !request.getContextPath().isEmpty()
				|| request.getContentLengthLong() == 0 || !isJson(request.getContentType()) || !acceptsJson(request)) {
			return null;
		}
		if (chain == this.widget) {
			String[] profiles = request.getParameterValues("profile");
			if (profiles != null && profiles.length > 1) {
				return null;
			}
		}
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(path));
		return chain;
	}

	private void stamp(HttpServletRequest request, HttpServletResponse response) throws IOException {
		serve(request, response, (body, claim) -> this.controller.sign(body, claim, response));
	}

	private void widget(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String profile = request.getParameter("profile");
		serve(request, response, (body, claim) -> this.controller.signWidget(body, profile, claim, response));
	}

	/**
	 * Reads the body, asks the controller, writes its answer; answers a refusal, or an
	 * unexpected failure, as {@code ProblemDetailsAdvice} does for MVC.
	 * @param request the request
	 * @param response the response
	 * @param method the controller method
	 * @throws IOException when reading the body or writing the answer fails
	 */
	private void serve(HttpServletRequest request, HttpServletResponse response, ControllerMethod method)
			throws IOException {
		try {
			byte[] body = body(request);
			write(response, method.answer(body, this.callers.current(request)));
		}
		catch (Refusal refusal) {
			log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with "
					+ ProblemStatuses.of(refusal.reason()) + " " + refusal.reason().uri());
			this.problems.write(request, response, refusal);
		}
		catch (RuntimeException ex) {
			log.error("Unexpected failure serving " + request.getMethod() + " " + request.getRequestURI(), ex);
			this.problems.write(request, response, ProblemResponses.unexpected());
		}
	}

	/**
	 * The body as MVC's byte-array converter reads it: sized by {@code Content-Length}
	 * when the client sends one.
	 * @param request the request
	 * @return the body's bytes
	 * @throws IOException when reading fails
	 */
	private static byte[] body(HttpServletRequest request) throws IOException {
		long length = request.getContentLengthLong();
		byte[] body;
		try {
			body = (length > 0 && length <= Integer.MAX_VALUE) ? request.getInputStream().readNBytes((int) length)
					: request.getInputStream().readAllBytes();
		}
		catch (PayloadTooLargeException ex) {
			throw ex.refusal();
		}
		if (body.length == 0) {
			throw new Refusal(Reason.MALFORMED_JSON, ProblemResponses.MISSING_BODY);
		}
		return body;
	}

	private void write(HttpServletResponse response, Object answer) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(answer);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * Whether MVC's {@code consumes = application/json} would surely match and read the
	 * body as it is: {@code application/json} in any case, bare or with
	 * {@code charset=utf-8} (the charset a JSON body has anyway); any other parameter,
	 * well-formed or not, is left to MVC.
	 * @param contentType the {@code Content-Type}, or {@code null}
	 * @return whether the fast path may take it
	 */
	static boolean isJson(@Nullable String contentType) {
		if (contentType == null || !contentType.regionMatches(true, 0, MediaType.APPLICATION_JSON_VALUE, 0, 16)) {
			return false;
		}
		if (contentType.length() == 16) {
			return true;
		}
		if (contentType.charAt(16) != ';') {
			return false;
		}
		String parameter = contentType.substring(17).trim();
		return parameter.equalsIgnoreCase("charset=utf-8") || parameter.equalsIgnoreCase("charset=\"utf-8\"");
	}

	/**
	 * Whether MVC's {@code produces = application/json} would surely match: no
	 * {@code Accept}, or one {@code Accept} header whose every entry is a well-formed
	 * media range without parameters (no quality values) and one of which is
	 * {@code application/json}, {@code application/*} or {@code *}{@code /*}.
	 * @param request the request
	 * @return whether the fast path may take it
	 */
	static boolean acceptsJson(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.ACCEPT);
		if (headers == null || !headers.hasMoreElements()) {
			return true;
		}
		String accept = headers.nextElement();
		return !headers.hasMoreElements() && acceptsJson(accept);
	}

	/**
	 * Whether one {@code Accept} value surely takes JSON (see
	 * {@link #acceptsJson(HttpServletRequest)}).
	 * @param accept the value
	 * @return whether the fast path may take it
	 */
	static boolean acceptsJson(@Nullable String accept) {
		if (accept == null || accept.isEmpty()) {
			return true;
		}
		boolean json = false;
		int start = 0;
		while (start <= accept.length()) {
			int end = accept.indexOf(',', start);
			if (end < 0) {
				end = accept.length();
			}
			String range = accept.substring(start, end).trim();
			if (!isMediaRange(range)) {
				return false;
			}
			json |= range.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE) || range.equalsIgnoreCase("application/*")
					|| range.equals("*/*");
			start = end + 1;
		}
		return json;
	}

	/**
	 * A {@code type/subtype} of RFC 9110 tokens, without parameters, whose type is a
	 * wildcard only in {@code *}{@code /*} (as Spring's parser wants it).
	 * @param range the trimmed entry
	 * @return whether it is one
	 */
	private static boolean isMediaRange(String range) {
		int slash = range.indexOf('/');
		if (slash <= 0 || slash == range.length() - 1
				|| (slash == 1 && range.charAt(0) == '*' && !range.equals("*/*"))) {
			return false;
		}
		for (int i = 0; i < range.length(); i++) {
			char c = range.charAt(i);
			if (i != slash && !isTokenChar(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	/** One of the controller's two methods, given the body and the caller's claim. */
	@FunctionalInterface
	private interface ControllerMethod {

		Object answer(byte[] body, CallerClaim claim);

	}

}
