package dev.signet.web;

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
		if (exception instanceof PayloadTooLargeException tooBig) {
			this.problems.write(request, response, tooBig.refusal());
			return;
		}
		String detail = switch (status) {
			case 404, 501, 503, 505 -> ProblemResponses.containerDetail(status);
			default -> (status >= 500) ? "Signet failed to serve this request. Retry later and quote the request id."
					: "The request cannot be served as sent.";
		};
		if (status == 503) {
			// The connector refused a request while Signet stops: another instance can
			// take it.
			response.setHeader("Retry-After", ProblemResponses.STOPPING_RETRY_AFTER);
		}
		this.problems.write(response,
				this.problems.problem(request, status, ProblemStatuses.reasonFor(status), detail));
	}

}
