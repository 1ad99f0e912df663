package dev.signet.signing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.signet.access.Access;
import dev.signet.access.Caller;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/profiles}: the signing profiles the caller may use; {@code GET
 * /v1/profiles/{name}}: what a frontend needs to configure the Upload Widget,
 * next-cloudinary or a mobile SDK for a profile, resolved for the caller.
 *
 * @author Signet developers
 */
@RestController
@Tag(name = "profiles", description = "Signing profiles as a frontend needs them")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ProfileController {

	private final SigningProfiles profiles;

	private final CloudinaryAccounts accounts;

	private final Access access;

	ProfileController(SigningProfiles profiles, CloudinaryAccounts accounts, Access access) {
		this.profiles = profiles;
		this.accounts = accounts;
		this.access = access;
	}

	@Operation(summary = "List the signing profiles the caller may use",
			description = "The names of the signing profiles this caller may name in \"profile\", sorted; "
					+ "GET /v1/profiles/{name} describes each.")
	@GetMapping(path = "/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> profiles(@Parameter(hidden = true) CallerClaim claim, HttpServletResponse response) {
		Issued<Map<String, Object>> issued = this.access.serve(Endpoint.VERIFICATION, claim,
				(caller) -> Map.of("profiles", this.profiles.permitted(caller)));
		return Responses.ok(response, issued.response(), issued.limit());
	}

	@Operation(summary = "Describe a signing profile for the calling frontend",
			description = "Cloud name, API key, upload URLs, the forced values resolved for this caller ({uuid} "
					+ "stays a placeholder to fill with a fresh UUID per upload), the allowed parameters with their "
					+ "rules, the validity and the Upload Widget options to set.")
	@GetMapping(path = "/v1/profiles/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> profile(@PathVariable String name, @Parameter(hidden = true) CallerClaim claim,
			HttpServletResponse response) {
		Issued<Map<String, Object>> issued = this.access.serve(Endpoint.VERIFICATION, claim,
				(caller) -> describe(name, caller));
		return Responses.ok(response, issued.response(), issued.limit());
	}

	private Map<String, Object> describe(String name, Caller caller) {
		SigningProfile profile = this.profiles.get(name);
		if (profile == null) {
			throw new Refusal(Reason.NO_SUCH_PROFILE, "There is no signing profile with this name.");
		}
		if (!profile.permits(caller)) {
			throw new Refusal(Reason.PROFILE_FORBIDDEN,
					"The client '" + caller.client() + "' may not use the profile '" + name + "'.");
		}
		CloudinaryAccount account = this.accounts.current(profile.account());
		Map<String, String> forced = profile.describeForced(caller, account.signatureVersion());
		Map<String, String> uploadUrls = new LinkedHashMap<>();
		profile.resourceTypes().forEach((type) -> uploadUrls.put(type, account.uploadUrl(type)));
		Map<String, Object> allowed = new LinkedHashMap<>();
		profile.allowedRules().forEach((param, rule) -> allowed.put(param, rule.describe()));
		Map<String, Object> widget = new LinkedHashMap<>();
		widget.put("cloudName", account.cloudName());
		widget.put("apiKey", account.apiKey());
		forced.forEach((param, value) -> widget.put(camelCase(param), value));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", profile.name());
		body.put("cloud_name", account.cloudName());
		body.put("api_key", account.apiKey());
		body.put("signature_algorithm", account.algorithm().configName());
		body.put("upload_url", uploadUrls.values().iterator().next());
		body.put("upload_urls", uploadUrls);
		body.put("resource_types", profile.resourceTypes());
		body.put("forced", forced);
		body.put("allowed", allowed);
		body.put("validity_seconds", profile.validity().toSeconds());
		body.put("explain", profile.explainAllowed());
		body.put("widget_options", widget);
		body.put("signature_endpoints",
				Map.of("stamped", "/v1/signatures", "widget", "/v1/signatures/widget?profile=" + profile.name()));
		return body;
	}

	private static String camelCase(String param) {
		StringBuilder out = new StringBuilder();
		boolean upper = false;
		for (char c : param.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return out.toString();
	}

}
