package dev.signet.signing;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.web.Responses;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/signatures} (Signet stamps the timestamp) and
 * {@code POST /v1/signatures/widget} (the Upload Widget's own parameters, signed as
 * given): a typed request, one call of the access pipeline, a typed response. Plain
 * requests reach these methods through {@link SignatureFastPath}, the rest through MVC's
 * mapping below.
 *
 * @author Signet developers
 */
@RestController
@RequestMapping(path = "/v1/signatures", consumes = MediaType.APPLICATION_JSON_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
class SignatureController implements SignatureApi {

	private final Access access;

	private final SigningProfiles profiles;

	private final UploadSignatures signatures;

	SignatureController(Access access, SigningProfiles profiles, UploadSignatures signatures) {
		this.access = access;
		this.profiles = profiles;
		this.signatures = signatures;
	}

	@Override
	@PostMapping
	public SignatureResponse sign(@RequestBody byte[] body, CallerClaim claim, HttpServletResponse response) {
		Issued<SignatureResponse> issued = this.access.issue(Endpoint.STAMPED, claim,
				() -> SignatureRequestReader.readStampRequest(body), this.profiles, this.signatures::stamp);
		return Responses.ok(response, issued.response(), issued.limit());
	}

	@Override
	@PostMapping("/widget")
	public WidgetSignatureResponse signWidget(@RequestBody byte[] body,
			@RequestParam(name = "profile", required = false) @Nullable String profileName, CallerClaim claim,
			HttpServletResponse response) {
		Issued<WidgetSignatureResponse> issued = this.access.issue(Endpoint.WIDGET, claim,
				() -> SignatureRequestReader.readWidgetRequest(body).withProfileFallback(profileName), this.profiles,
				this.signatures::signWidget);
		return Responses.ok(response, issued.response(), issued.limit());
	}

}
