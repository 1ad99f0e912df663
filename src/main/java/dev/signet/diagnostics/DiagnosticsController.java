package dev.signet.diagnostics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.signet.access.Access;
import dev.signet.access.CallerClaim;
import dev.signet.access.Endpoint;
import dev.signet.access.Issued;
import dev.signet.codec.StrictJson;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.Responses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/diagnostics/invalid-signature}: "why is my signature invalid?" in plain
 * words, from Cloudinary's error text and the parameters that were signed. Each call
 * spends from the caller's {@code diagnostics} rate limits, through the access pipeline.
 *
 * @author Signet developers
 */
@RestController
@Tag(name = "diagnostics", description = "Explain Cloudinary signature errors")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class DiagnosticsController {

	private final SignatureDiagnosis diagnosis;

	private final Access access;

	DiagnosticsController(ObjectProvider<Clock> clock, Access access) {
		this.diagnosis = new SignatureDiagnosis(clock.getIfAvailable(Clock::systemUTC));
		this.access = access;
	}

	@Operation(summary = "Explain an Invalid Signature or Stale request error",
			description = "Send Cloudinary's error text and, if known, the parameters the client posted or Signet "
					+ "signed. Signet says what differs: parameters Cloudinary saw that were not signed, signed ones "
					+ "it did not see, changed values, the timestamp's age and algorithm mismatches.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = "application/json",
							examples = @ExampleObject("{\"error\": \"Invalid Signature 2f60... String to sign - "
									+ "'folder=x&source=uw&timestamp=1709830648'.\", \"params\": {\"folder\": \"x\", "
									+ "\"timestamp\": 1709830648}, \"signature_algorithm\": \"sha1\"}"))))
	@ApiResponse(responseCode = "400",
			description = "Not one of Cloudinary's error texts, or longer than " + SignatureDiagnosis.MAX_ERROR_LENGTH
					+ " characters")
	@ApiResponse(responseCode = "429", description = "The caller's diagnostics rate limit is reached")
	@PostMapping(path = "/v1/diagnostics/invalid-signature", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	SignatureDiagnosis.Result diagnose(@RequestBody byte[] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response) {
		Issued<SignatureDiagnosis.Result> issued = this.access.serve(Endpoint.DIAGNOSIS, claim,
				(caller) -> diagnose(body));
		return Responses.ok(response, issued.response(), issued.limit());
	}

	private SignatureDiagnosis.Result diagnose(byte[] body) {
		JsonNode root = StrictJson.readObject(body, Set.of("error", "params", "signature_algorithm"));
		if (root.get("error") == null || !root.get("error").isString()) {
			throw invalid("The body must be {\"error\": \"<Cloudinary's error text>\", \"params\": {...}}.");
		}
		Map<String, String> params = null;
		JsonNode paramsNode = root.get("params");
		if (paramsNode != null) {
			if (!paramsNode.isObject()) {
				throw invalid("params must be an object of the parameters that were signed or posted.");
			}
			params = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : paramsNode.properties()) {
				params.put(entry.getKey(), text(entry.getValue()));
			}
		}
		JsonNode algorithm = root.get("signature_algorithm");
		if (algorithm != null && !(algorithm.isString() && algorithm.stringValue().matches("sha1|sha256"))) {
			throw invalid("signature_algorithm must be sha1 or sha256.");
		}
		try {
			return this.diagnosis.diagnose(root.get("error").stringValue(), params,
					(algorithm != null) ? algorithm.stringValue() : null);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			StringBuilder joined = new StringBuilder();
			for (JsonNode item : value.values()) {
				if (!joined.isEmpty()) {
					joined.append(',');
				}
				joined.append(item.isString() ? item.stringValue() : item.toString());
			}
			return joined.toString();
		}
		if (value.isNull()) {
			return "";
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	private static Refusal invalid(String detail) {
		return new Refusal(Reason.INVALID_REQUEST, detail);
	}

}
