package dev.signet.ratelimit;

import java.io.IOException;

import dev.signet.refusal.Refusal;
import dev.signet.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 to a source address that has failed authentication too often, before its
 * credentials are looked at, so that keys and tokens cannot be guessed at speed. It
 * checks every request that carries credentials ({@code X-Api-Key} or
 * {@code Authorization}), whatever its path, and every request to the API (matched on the
 * decoded path, like the authorization rules), where a request without credentials counts
 * as a failure. The failures themselves are counted by the security entry point
 * ({@link RateLimiter#recordAuthFailure(String)}). The address is
 * {@code request.getRemoteAddr()}: the TCP peer, or the client a trusted proxy names in
 * {@code X-Forwarded-For} ({@code SIGNET_TRUSTED_PROXIES}).
 *
 * @author Signet developers
 */
public class AuthFailureLimitFilter extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(AuthFailureLimitFilter.class);

	private final RateLimiter limiter;

	private final ProblemResponses problems;

	private final RequestMatcher api;

	/**
	 * Creates the filter.
	 * @param limiter the rate limiter
	 * @param problems writes the 429
	 * @param api the requests that are refused without credentials
	 */
	public AuthFailureLimitFilter(RateLimiter limiter, ProblemResponses problems, RequestMatcher api) {
		this.limiter = limiter;
		this.problems = problems;
		this.api = api;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		boolean credentials = request.getHeader("X-Api-Key") != null
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		return !credentials && !this.api.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.limiter.checkAuthFailures(request.getRemoteAddr());
		}
		catch (Refusal ex) {
			log.info("Refused " + request.getMethod() + " " + request.getRequestURI()
					+ " with 429: too many failed authentications from this address");
			this.problems.write(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

}
