package dev.signet.security;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;

import dev.signet.access.CallerClaim;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 and before anything authenticates, a request that repeats a header
 * deciding who the caller is ({@code Authorization}, {@code X-Api-Key},
 * {@code X-Signet-User}): otherwise the first would win silently, and a proxy, a log or
 * another reader of the request could see a different caller than Signet.
 *
 * @author Signet developers
 */
class CredentialHeaderFilter extends OncePerRequestFilter {

	/** The headers that must appear at most once. */
	static final List<String> HEADERS = List.of(HttpHeaders.AUTHORIZATION, ApiKeyAuthenticationFilter.HEADER,
			CallerClaim.USER_HEADER);

	private static final Log log = LogFactory.getLog(CredentialHeaderFilter.class);

	private final ProblemResponses problems;

	CredentialHeaderFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (String header : HEADERS) {
			Enumeration<String> values = request.getHeaders(header);
			if (values != null && values.hasMoreElements()) {
				values.nextElement();
				if (values.hasMoreElements()) {
					log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 400: repeated "
							+ header + " header");
					this.problems.write(request, response, new Refusal(Reason.INVALID_REQUEST,
							"Send the " + header + " header once: a request names one caller."));
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

}
