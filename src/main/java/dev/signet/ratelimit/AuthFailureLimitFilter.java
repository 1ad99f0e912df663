package dev.signet.ratelimit;

import java.io.IOException;

import dev.signet.system.ProblemException;
import dev.signet.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a source address that has failed authentication too often, before its
 * credentials are looked at, so that keys and tokens cannot be guessed at speed. The
 * failures themselves are counted by the security entry point
 * ({@link RateLimiter#recordAuthFailure(String)}). The address is
 * {@code request.getRemoteAddr()}: behind a proxy, set
 * {@code server.forward-headers-strategy}.
 *
 * @author Signet developers
 */
public class AuthFailureLimitFilter extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(AuthFailureLimitFilter.class);

	private final RateLimiter limiter;

	private final ProblemResponses problems;

	public AuthFailureLimitFilter(RateLimiter limiter, ProblemResponses problems) {
		this.limiter = limiter;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !path.startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.limiter.checkAuthFailures(request.getRemoteAddr());
		}
		catch (ProblemException ex) {
			log.info("Refused " + request.getMethod() + " " + request.getRequestURI()
					+ " with 429: too many failed authentications from this address");
			this.problems.write(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

}
