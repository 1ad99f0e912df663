package dev.signet.verification;

import java.util.Set;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.cloudinary.ApiResponseSignature;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.codec.StrictJson;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.Responses;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/responses/verify}: checks {@code {public_id, version, signature}} as
 * returned by Cloudinary's upload API against every key of the account.
 *
 * @author Signet developers
 */
@RestController
class ResponseVerificationController implements ResponseVerificationApi {

	private static final Set<String> FIELDS = Set.of("public_id", "version", "signature", "account");

	private final CloudinaryAccounts accounts;

	private final Access access;

	ResponseVerificationController(CloudinaryAccounts accounts, Access access) {
		this.accounts = accounts;
		this.access = access;
	}

	@Override
	@PostMapping(path = "/v1/responses/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseVerification verify(@RequestBody(required = false) byte @Nullable [] body, CallerClaim claim,
			HttpServletResponse response) {
		Issued<ResponseVerification> issued = this.access.serve(Endpoint.VERIFICATION, claim, (caller) -> verify(body));
		return Responses.ok(response, issued.response(), issued.limit());
	}

	private ResponseVerification verify(byte @Nullable [] body) {
		JsonNode root = StrictJson.readObject(body, FIELDS);
		String publicId = StrictJson.string(root, "public_id", true);
		if (publicId.isEmpty()) {
			throw StrictJson.invalid("The field public_id must not be empty: the official SDKs sign an empty public "
					+ "ID differently (PHP hashes public_id=&version=..., the others drop the empty value); "
					+ "Signet refuses it rather than guess.");
		}
		String version = StrictJson.digits(root, "version", true);
		String signature = StrictJson.string(root, "signature", true);
		String account = StrictJson.string(root, "account", false);
		String name = (account != null) ? account : CloudinaryAccounts.DEFAULT;
		KeyRing ring;
		try {
			ring = this.accounts.keyRing(name);
		}
		catch (CloudinaryAccounts.UnknownAccountException ex) {
			throw new Refusal(Reason.UNKNOWN_ACCOUNT,
					"No Cloudinary account is configured under this name; omit account for the default one.");
		}
		if (NotificationSignature.algorithmOf(signature) == null) {
			return new ResponseVerification(false, "malformed", name, null);
		}
		String apiKey = null;
		for (CloudinaryAccount key : ring.keys()) {
			// Every key is tried, whatever matches first, so that timing says nothing.
			if (ApiResponseSignature.matches(publicId, version, signature, key.secret()) && apiKey == null) {
				apiKey = key.apiKey();
			}
		}
		return (apiKey != null) ? new ResponseVerification(true, "valid", name, apiKey)
				: new ResponseVerification(false, "bad_signature", name, null);
	}

}
