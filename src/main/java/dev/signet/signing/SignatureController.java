package dev.signet.signing;

import dev.signet.ratelimit.CallerRateLimits;
import dev.signet.system.ProblemException;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

	private final SigningEvents events;

	private final CallerRateLimits limits;

	SignatureController(UploadSignatures signatures, SigningEvents events, CallerRateLimits limits) {
		this.signatures = signatures;
		this.events = events;
		this.limits = limits;
	}

	@Override
	@PostMapping
	public SignatureResponse sign(@RequestBody byte[] body, Authentication caller) {
		try {
			this.limits.check("default", caller);
			SignatureRequestReader.StampRequest request = SignatureRequestReader.readStampRequest(body);
			UploadSignatures.Issued<SignatureResponse> issued = this.signatures.stamp(request);
			this.events.issued("stamped", caller, issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			this.events.refused("stamped", caller, ex);
			throw ex;
		}
	}

	@Override
	@PostMapping("/widget")
	public WidgetSignatureResponse signWidget(@RequestBody byte[] body, Authentication caller) {
		try {
			this.limits.check("default", caller);
			UploadSignatures.Issued<WidgetSignatureResponse> issued = this.signatures
				.signWidget(SignatureRequestReader.readWidgetRequest(body));
			this.events.issued("widget", caller, issued);
			return issued.response();
		}
		catch (ProblemException ex) {
			this.events.refused("widget", caller, ex);
			throw ex;
		}
	}

}
