package dev.signet.delivery;

import dev.signet.ratelimit.CallerRateLimits;
import dev.signet.security.Caller;
import dev.signet.security.CallerResolver;
import dev.signet.system.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/delivery-urls} (signed delivery URLs) and {@code POST /v1/auth-tokens}
 * ({@code __cld_token__} tokens). Both spend from the caller's {@code delivery} rate
 * limits, apart from signing.
 *
 * @author Signet developers
 */
@RestController
class DeliveryController implements DeliveryApi {

	private final DeliverySigning signing;

	private final DeliveryEvents events;

	private final CallerResolver callers;

	private final CallerRateLimits limits;

	DeliveryController(DeliverySigning signing, DeliveryEvents events, CallerResolver callers,
			CallerRateLimits limits) {
		this.signing = signing;
		this.events = events;
		this.callers = callers;
		this.limits = limits;
	}

	@Override
	@PostMapping(path = "/v1/delivery-urls", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public DeliveryUrlResponse signUrl(@RequestBody(required = false) byte @Nullable [] body,
			Authentication authentication, HttpServletRequest request) {
		Caller caller = this.callers.identify(authentication);
		try {
			caller = this.callers.resolve(authentication, request);
			this.limits.check(CallerRateLimits.DELIVERY, caller);
			DeliverySigning.Issued<DeliveryUrlResponse> issued = this.signing.signUrl(body, caller);
			this.events.issued("delivery_url", caller, issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			this.events.refused("delivery_url", caller, ex);
			throw ex;
		}
	}

	@Override
	@PostMapping(path = "/v1/auth-tokens", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public AuthTokenResponse issueToken(@RequestBody(required = false) byte @Nullable [] body,
			Authentication authentication, HttpServletRequest request) {
		Caller caller = this.callers.identify(authentication);
		try {
			caller = this.callers.resolve(authentication, request);
			this.limits.check(CallerRateLimits.DELIVERY, caller);
			DeliverySigning.Issued<AuthTokenResponse> issued = this.signing.issueToken(body, caller);
			this.events.issued("auth_token", caller, issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			this.events.refused("auth_token", caller, ex);
			throw ex;
		}
	}

}
