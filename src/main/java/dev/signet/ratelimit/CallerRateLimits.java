package dev.signet.ratelimit;

import dev.signet.security.Caller;
import dev.signet.system.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The rate limits of a signing request, from its resolved {@link Caller}: the caller is
 * the API-key client or the JWT issuer and subject, the client app is the API-key client
 * or the JWT issuer and client ({@code azp}, else {@code client_id}, else the issuer's
 * shared client: one bucket per issuer). API-key and JWT keys never share a bucket. A
 * request let through gets {@code RateLimit-Policy} and {@code RateLimit} headers for its
 * tightest limit.
 *
 * @author Signet developers
 */
@Component
public class CallerRateLimits {

	/**
	 * The bucket name that {@code /v1/diagnostics} spends from as if it were a profile;
	 * {@code signet.rate-limit.profiles.diagnostics} overrides its limits.
	 */
	public static final String DIAGNOSTICS = "diagnostics";

	/**
	 * The buckets of {@code /v1/delivery-urls} and {@code /v1/auth-tokens}: apart from
	 * signing, so that a page of private images does not use up upload signatures, and
	 * larger by default ({@link RateLimitProperties#DEFAULT_DELIVERY_CALLER});
	 * {@code signet.rate-limit.profiles.delivery} overrides them.
	 */
	public static final String DELIVERY = "delivery";

	/**
	 * The buckets of the endpoints that check or describe rather than issue:
	 * {@code /v1/notifications/verify}, {@code /v1/responses/verify} and
	 * {@code /v1/profiles/*}; {@code signet.rate-limit.profiles.verification} overrides
	 * them.
	 */
	public static final String VERIFICATION = "verification";

	private final RateLimiter limiter;

	CallerRateLimits(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/**
	 * Spends one signing request of this caller under a profile (or one diagnostics
	 * request under {@link #DIAGNOSTICS}).
	 * @param profile the resolved profile name
	 * @param caller the caller (a trusted backend's named end user is its own caller)
	 * @throws ProblemException 429 when a limit is reached
	 */
	public void check(String profile, Caller caller) {
		Decision decision = this.limiter.consume(profile, callerId(caller), clientId(caller));
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletResponse response = servlet.getResponse();
			if (response != null) {
				decision.headers().forEach(response::setHeader);
			}
		}
	}

	static String callerId(Caller caller) {
		return (caller.apiKey() ? "key:" : "jwt:") + caller.issuer() + "\n" + caller.subject();
	}

	static String clientId(Caller caller) {
		return caller.apiKey() ? "key:" + caller.client() : "jwt:" + caller.issuer() + "\n" + caller.client();
	}

}
