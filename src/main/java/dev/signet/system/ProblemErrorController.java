package dev.signet.system;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the servlet container's error dispatches (failures outside Spring MVC) with
 * problem details instead of Boot's default error page.
 *
 * @author Signet developers
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final ProblemResponses problems;

	ProblemErrorController(ProblemResponses problems) {
		this.problems = problems;
	}

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value && value >= 400) ? value : 500;
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ProblemType type = ProblemType.forStatus(status);
		String detail = (status >= 500) ? "Signet failed to serve this request. Retry later and quote the request id."
				: "The request cannot be served as sent.";
		if (status == 404) {
			detail = "No endpoint at this path; see /v3/api-docs for the API.";
		}
		if (exception instanceof PayloadTooLargeException) {
			status = 413;
			type = ProblemType.PAYLOAD_TOO_LARGE;
			detail = "The request body is too large; send fewer or shorter parameters.";
		}
		if (status == 503) {
			// The connector refused a request while Signet stops: another instance can
			// take it.
			detail = ProblemErrorReportValve.detail(503);
			response.setHeader("Retry-After", ProblemErrorReportValve.RETRY_AFTER_SECONDS);
		}
		this.problems.write(request, response, new ProblemException(status, type, detail));
	}

}
