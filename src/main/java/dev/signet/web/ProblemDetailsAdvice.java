package dev.signet.web;

import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into {@code application/problem+json}:
 * refusals keep their type and detail, framework errors get a stable type and a detail
 * that says what to change, and anything unexpected becomes a generic 500 without
 * internals.
 *
 * @author Signet developers
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

	private final ProblemResponses problems;

	ProblemDetailsAdvice(ProblemResponses problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Refusal.class)
	ResponseEntity<ProblemDetail> handleRefusal(Refusal refusal, HttpServletRequest request) {
		ProblemDetail problem = this.problems.problem(request, refusal);
		log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with " + problem.getStatus() + " "
				+ refusal.reason().uri());
		HttpHeaders headers = new HttpHeaders();
		ProblemResponses.headers(refusal).forEach(headers::set);
		return body(problem, headers);
	}

	/**
	 * A query string or form the container cannot decode (a bad percent-encoding, too
	 * many parameters): the client's mistake, never a 500.
	 * @param ex the container's exception
	 * @param request the request
	 * @return the problem
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> handleInvalidParameters(InvalidParameterException ex, HttpServletRequest request) {
		int status = (ex.getErrorCode() >= 400 && ex.getErrorCode() < 500) ? ex.getErrorCode() : 400;
		ProblemDetail problem = this.problems.problem(request, status, ProblemStatuses.reasonFor(status),
				"The query string cannot be decoded: percent-encode each parameter's name and value as UTF-8 "
						+ "(RFC 3986) and send only the parameters the endpoint takes.");
		log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with " + status
				+ " (undecodable parameters)");
		return body(problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure serving " + request.getMethod() + " " + request.getRequestURI(), ex);
		return body(this.problems.problem(request, ProblemResponses.unexpected()), HttpHeaders.EMPTY);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		ProblemDetail problem;
		if (ex instanceof HttpMessageNotReadableException && ex.getCause() instanceof PayloadTooLargeException tooBig) {
			problem = this.problems.problem(servletRequest, tooBig.refusal());
		}
		else {
			int status = statusCode.value();
			Reason reason = (ex instanceof HttpMessageNotReadableException) ? Reason.MALFORMED_JSON
					: ProblemStatuses.reasonFor(status);
			problem = this.problems.problem(servletRequest, status, reason, detail(ex, status));
		}
		log.info("Refused " + servletRequest.getMethod() + " " + servletRequest.getRequestURI() + " with "
				+ problem.getStatus());
		return new ResponseEntity<>(problem, headersFor(headers), HttpStatusCode.valueOf(problem.getStatus()));
	}

	private static String detail(Exception ex, int status) {
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "Send the request body as JSON with the header Content-Type: application/json.";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException methodEx) {
			return "This path does not accept " + methodEx.getMethod() + "; use "
					+ String.join(", ",
							(methodEx.getSupportedMethods() != null) ? methodEx.getSupportedMethods() : new String[0])
					+ ".";
		}
		if (ex instanceof NoResourceFoundException) {
			return "No endpoint at this path; see /v3/api-docs for the API.";
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return ProblemResponses.MISSING_BODY;
		}
		if (status == 406) {
			return "Accept application/json or application/problem+json.";
		}
		return "The request cannot be served as sent.";
	}

	private static HttpHeaders headersFor(HttpHeaders headers) {
		HttpHeaders result = new HttpHeaders();
		result.putAll(headers);
		result.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return result;
	}

	private static ResponseEntity<ProblemDetail> body(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
