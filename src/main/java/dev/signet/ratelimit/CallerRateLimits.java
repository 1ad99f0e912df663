package dev.signet.ratelimit;

import dev.signet.system.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The rate limits of a signing request, from its authentication: the caller is the
 * API-key client or the JWT issuer and subject, the client app is the API-key client or
 * the JWT {@code azp} (else {@code client_id}). A request let through gets
 * {@code RateLimit-Policy} and {@code RateLimit} headers for its tightest limit.
 *
 * @author Signet developers
 */
@Component
public class CallerRateLimits {

	private final RateLimiter limiter;

	CallerRateLimits(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/**
	 * Spends one signing request of this caller under a profile.
	 * @param profile the resolved profile name
	 * @param caller the authenticated caller
	 * @throws ProblemException 429 when a limit is reached
	 */
	public void check(String profile, Authentication caller) {
		Decision decision = this.limiter.consume(profile, callerId(caller), clientId(caller));
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletResponse response = servlet.getResponse();
			if (response != null) {
				decision.headers().forEach(response::setHeader);
			}
		}
	}

	static String callerId(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken jwt) {
			Jwt token = jwt.getToken();
			return "jwt:" + token.getClaimAsString("iss") + "\n" + token.getSubject();
		}
		return "key:" + caller.getName();
	}

	static String clientId(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken jwt) {
			Jwt token = jwt.getToken();
			String client = token.getClaimAsString("azp");
			if (client == null) {
				client = token.getClaimAsString("client_id");
			}
			return "jwt:" + token.getClaimAsString("iss") + "\n" + ((client != null) ? client : "-");
		}
		return "key:" + caller.getName();
	}

}
