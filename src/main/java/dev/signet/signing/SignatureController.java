package dev.signet.signing;

import dev.signet.security.Caller;
import dev.signet.security.CallerResolver;
import dev.signet.ratelimit.CallerRateLimits;
import dev.signet.system.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/signatures} (Signet stamps the timestamp) and
 * {@code POST /v1/signatures/widget} (the Upload Widget's own parameters, signed as
 * given).
 *
 * @author Signet developers
 */
@RestController
@RequestMapping(path = "/v1/signatures", consumes = MediaType.APPLICATION_JSON_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
class SignatureController implements SignatureApi {

	private final UploadSignatures signatures;

	private final CallerResolver callers;

	private final SigningEvents events;

	private final CallerRateLimits limits;

	SignatureController(UploadSignatures signatures, CallerResolver callers, SigningEvents events,
			CallerRateLimits limits) {
		this.signatures = signatures;
		this.callers = callers;
		this.events = events;
		this.limits = limits;
	}

	@Override
	@PostMapping
	public SignatureResponse sign(@RequestBody byte[] body, Authentication authentication, HttpServletRequest request) {
		SigningEvents.Decision decision = this.events.decision("stamped", this.callers.identify(authentication));
		try {
			Caller caller = this.callers.resolve(authentication, request);
			decision.caller(caller);
			SignatureRequestReader.StampRequest stampRequest = SignatureRequestReader.readStampRequest(body);
			SigningProfile profile = this.signatures.profile(stampRequest.profile(), caller);
			decision.profile(profile.name());
			this.limits.check(profile.name(), caller);
			UploadSignatures.Issued<SignatureResponse> issued = this.signatures.stamp(stampRequest, profile, caller);
			decision.issued(issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			decision.refused(ex);
			throw ex;
		}
	}

	@Override
	@PostMapping("/widget")
	public WidgetSignatureResponse signWidget(@RequestBody byte[] body,
			@RequestParam(name = "profile", required = false) @Nullable String profileName,
			Authentication authentication, HttpServletRequest request) {
		SigningEvents.Decision decision = this.events.decision("widget", this.callers.identify(authentication));
		try {
			Caller caller = this.callers.resolve(authentication, request);
			decision.caller(caller);
			SignatureRequestReader.WidgetRequest widgetRequest = SignatureRequestReader.readWidgetRequest(body)
				.withProfileFallback(profileName);
			SigningProfile profile = this.signatures.profile(widgetRequest.profile(), caller);
			decision.profile(profile.name());
			this.limits.check(profile.name(), caller);
			UploadSignatures.Issued<WidgetSignatureResponse> issued = this.signatures.signWidget(widgetRequest, profile,
					caller);
			decision.issued(issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			decision.refused(ex);
			throw ex;
		}
	}

}
