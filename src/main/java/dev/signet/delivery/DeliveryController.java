package dev.signet.delivery;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/delivery-urls} (signed delivery URLs) and {@code POST /v1/auth-tokens}
 * ({@code __cld_token__} tokens), through the access pipeline. Both spend from the
 * caller's {@code delivery} rate limits, apart from signing.
 *
 * @author Signet developers
 */
@RestController
class DeliveryController implements DeliveryApi {

	private final Access access;

	private final DeliveryProfiles profiles;

	private final DeliverySigning signing;

	DeliveryController(Access access, DeliveryProfiles profiles, DeliverySigning signing) {
		this.access = access;
		this.profiles = profiles;
		this.signing = signing;
	}

	@Override
	@PostMapping(path = "/v1/delivery-urls", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public DeliveryUrlResponse signUrl(@RequestBody(required = false) byte @Nullable [] body, CallerClaim claim,
			HttpServletResponse response) {
		Issued<DeliveryUrlResponse> issued = this.access.issue(Endpoint.DELIVERY_URL, claim,
				() -> DeliverySigning.readUrlRequest(body), this.profiles, this.signing::signUrl);
		return Responses.ok(response, issued.response(), issued.limit());
	}

	@Override
	@PostMapping(path = "/v1/auth-tokens", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public AuthTokenResponse issueToken(@RequestBody(required = false) byte @Nullable [] body, CallerClaim claim,
			HttpServletResponse response) {
		Issued<AuthTokenResponse> issued = this.access.issue(Endpoint.AUTH_TOKEN, claim,
				() -> DeliverySigning.readTokenRequest(body), this.profiles, this.signing::issueToken);
		return Responses.ok(response, issued.response(), issued.limit());
	}

}
