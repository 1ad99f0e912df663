package dev.signet.security;

import java.io.IOException;

import dev.signet.ratelimit.RateLimiter;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Answers 401 and 403 from the security filter chain with problem details.
 *
 * @author Signet developers
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	/**
	 * Seconds a client should wait when the identity provider's keys cannot be fetched.
	 */
	static final String JWKS_RETRY_AFTER = "10";

	private static final Log log = LogFactory.getLog(ProblemSecurityHandlers.class);

	private final ProblemResponses problems;

	private final String scope;

	private final boolean jwtEnabled;

	private final RateLimiter rateLimiter;

	private final String operatorScope;

	private final RequestMatcher operatorPages;

	private final String healthScope;

	private final RequestMatcher healthScoped;

	ProblemSecurityHandlers(ProblemResponses problems, String scope, boolean jwtEnabled, RateLimiter rateLimiter,
			String operatorScope, RequestMatcher operatorPages, String healthScope, RequestMatcher healthScoped) {
		this.problems = problems;
		this.scope = scope;
		this.jwtEnabled = jwtEnabled;
		this.rateLimiter = rateLimiter;
		this.operatorScope = operatorScope;
		this.operatorPages = operatorPages;
		this.healthScope = healthScope;
		this.healthScoped = healthScoped;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String detail;
		String challenge = this.jwtEnabled ? "Bearer realm=\"signet\"" : "ApiKey header=\"X-Api-Key\"";
		if (authException instanceof InvalidBearerTokenException) {
			detail = "The bearer token is invalid, expired, or not meant for Signet (issuer, audience or signature "
					+ "do not match). Get a fresh access token.";
			challenge = "Bearer realm=\"signet\", error=\"invalid_token\"";
		}
		else if (authException instanceof BadCredentialsException && request.getHeader("X-Api-Key") != null) {
			detail = (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
					? "Send either X-Api-Key or Authorization, not both."
					: "The X-Api-Key is not a configured client key.";
		}
		else if (authException instanceof BadCredentialsException) {
			detail = "The credentials are malformed. Send Authorization: Bearer <access token>.";
			challenge = "Bearer realm=\"signet\", error=\"invalid_token\"";
		}
		else {
			detail = "Authentication required: send X-Api-Key: <client key>" + (this.jwtEnabled
					? " or Authorization: Bearer <access token with scope " + scopeOf(request) + ">" : "") + ".";
		}
		log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 401");
		this.rateLimiter.recordAuthFailure(request.getRemoteAddr());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		this.problems.write(request, response, new Refusal(Reason.UNAUTHENTICATED, detail));
	}

	/**
	 * Answers a failed bearer-token authentication: 503 when the token could not be
	 * checked because the identity provider's JWK set is unreachable (a fault on Signet's
	 * side, not the caller's), 401 otherwise.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (!(exception instanceof AuthenticationServiceException)) {
			commence(request, response, exception);
			return;
		}
		log.warn("Could not check a bearer token for " + request.getMethod() + " " + request.getRequestURI()
				+ ": the identity provider's keys are unavailable (" + exception.getClass().getSimpleName() + ")");
		// Counted like a refused token: otherwise an outage would lift the limit on
		// guessing.
		this.rateLimiter.recordAuthFailure(request.getRemoteAddr());
		response.setHeader(HttpHeaders.RETRY_AFTER, JWKS_RETRY_AFTER);
		this.problems.write(request, response, new Refusal(Reason.SERVICE_UNAVAILABLE,
				"Signet cannot check bearer tokens right now: the identity provider's signing keys are unreachable. "
						+ "Retry after the time given."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		log.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 403");
		boolean operator = this.operatorPages.matches(request);
		boolean healthScoped = !operator && this.healthScoped.matches(request);
		String needed = scopeOf(request);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"signet\", error=\"insufficient_scope\", scope=\"" + needed + "\"");
		String detail;
		if (healthScoped) {
			detail = "The caller is authenticated but lacks the scope " + needed
					+ " needed to read this (an API-key client needs to be in SIGNET_HEALTH_CLIENTS).";
		}
		else if (!operator) {
			detail = "The caller is authenticated but lacks the scope " + this.scope + " needed to sign.";
		}
		else if (request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null) {
			detail = "This API-key client is not an operator: the operator pages are open to the clients listed in "
					+ "SIGNET_OPERATOR_CLIENTS (signet.operator.clients) and to bearer tokens with the scope "
					+ this.operatorScope + ". Signing clients never see them.";
		}
		else {
			detail = "This bearer token lacks the scope " + this.operatorScope
					+ " that the operator pages need; the signing scope is not enough. Ask the identity provider "
					+ "for a token with that scope, or use an API key listed in SIGNET_OPERATOR_CLIENTS.";
		}
		this.problems.write(request, response, new Refusal(Reason.FORBIDDEN, detail));
	}

	private String scopeOf(HttpServletRequest request) {
		if (this.operatorPages.matches(request)) {
			return this.operatorScope;
		}
		return this.healthScoped.matches(request) ? this.healthScope : this.scope;
	}

	void rejectCors(HttpServletRequest request, HttpServletResponse response) throws IOException {
		log.info("Refused cross-origin " + request.getMethod() + " " + request.getRequestURI() + " with 403");
		this.problems.write(request, response, new Refusal(Reason.FORBIDDEN,
				"This origin is not allowed to call Signet; add it to SIGNET_CORS_ALLOWED_ORIGINS."));
	}

}
