package dev.signet.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Replaces Tomcat's HTML error page with {@code application/problem+json} for the errors
 * that never reach Spring MVC: requests the connector refuses while parsing them (a
 * malformed request line, an over-long header, an invalid URI character) and requests
 * that arrive while Signet stops (503 with {@code Retry-After}).
 *
 * @author Signet developers
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/** Seconds a client refused during shutdown should wait before it retries. */
	static final String RETRY_AFTER_SECONDS = "1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemResponses problems = new ProblemResponses();

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			// 501 (a transfer coding Tomcat does not know) and 505 are the client's to
			// fix.
			ProblemType type = (status == 501 || status == 505) ? ProblemType.BAD_REQUEST
					: ProblemType.forStatus(status);
			ProblemDetail problem = ProblemDetail.forStatus(status);
			problem.setType(type.uri());
			problem.setTitle(type.title());
			problem.setDetail(detail(status));
			if (request.getRequestURI() != null) {
				this.problems.decorate(request, problem);
			}
			if (status == 503) {
				response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(ProblemResponses.toMap(problem)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed: nothing left to say.
		}
	}

	static String detail(int status) {
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

}
