package dev.signet.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.signet.web.ProblemResponses;
import dev.signet.web.ProblemStatuses;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

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
			ProblemDetail problem = this.problems.problem(request, status, ProblemStatuses.reasonFor(status),
					ProblemResponses.containerDetail(status));
			if (status == 503) {
				response.setHeader("Retry-After", ProblemResponses.STOPPING_RETRY_AFTER);
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(this.problems.json(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed: nothing left to say.
		}
	}

}
