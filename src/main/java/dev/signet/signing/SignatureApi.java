package dev.signet.signing;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signet.access.CallerClaim;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI description of the signing endpoints, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "signatures", description = "Signatures for direct uploads to Cloudinary")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
interface SignatureApi {

	/**
	 * The media type of a problem response.
	 */
	String PROBLEM = "application/problem+json";

	@Operation(summary = "Sign upload parameters with a fresh server timestamp",
			description = "For web apps, mobile apps and backends. Signet checks the parameters against its policy, "
					+ "stamps the timestamp, signs, and returns everything to post to upload_url besides the file.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = StampRequestDoc.class),
							examples = @ExampleObject(name = "avatar",
									value = "{\"params\": {\"folder\": \"avatars\", \"public_id\": \"alice\", "
											+ "\"tags\": [\"profile\", \"user\"]}, \"resource_type\": \"image\"}"))))
	@ApiResponse(responseCode = "200", description = "Signed",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = SignatureResponse.class),
					examples = @ExampleObject("{\"signature\": \"1b8e5f1e0c5f0f9a2a0b3c2e0d7e0c9c5a7b6d4e\", "
							+ "\"timestamp\": 1764377000, \"api_key\": \"123456789012345\", "
							+ "\"cloud_name\": \"demo\", \"signature_algorithm\": \"sha1\", "
							+ "\"params\": {\"folder\": \"avatars\", \"overwrite\": \"false\", "
							+ "\"public_id\": \"alice\", \"tags\": \"profile,user\", \"timestamp\": \"1764377000\"}, "
							+ "\"upload_url\": \"https://api.cloudinary.com/v1_1/demo/image/upload\", "
							+ "\"expires_at\": \"2025-11-29T01:43:20Z\"}")))
	@ApiResponse(responseCode = "400", description = "Malformed body or refused parameters", content = @Content(
			mediaType = PROBLEM,
			examples = @ExampleObject("{\"type\": \"https://signet.dev/problems/parameter-not-allowed\", "
					+ "\"title\": \"Parameter not allowed\", \"status\": 400, \"detail\": \"Signet refused this "
					+ "parameter: eval (never signed: runs code at Cloudinary). Change or remove it and retry.\", "
					+ "\"instance\": \"/v1/signatures\", \"request_id\": \"6f1c...\", \"invalid_params\": "
					+ "[{\"name\": \"eval\", \"code\": \"not_allowed\", \"reason\": \"never signed: runs code at "
					+ "Cloudinary\"}]}")))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Authenticated without the signing scope",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Body not JSON", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "429",
			description = "A rate limit or quota is reached; see Retry-After, RateLimit-Policy and RateLimit",
			content = @Content(mediaType = PROBLEM))
	SignatureResponse sign(byte[] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	@Operation(summary = "Sign the Upload Widget's parameters as given",
			description = "The contract of the Upload Widget's uploadSignature function and of next-cloudinary's "
					+ "signatureEndpoint. The widget's own timestamp must be a 10-digit UNIX time close to server "
					+ "time; the parameters must pass the policy, and a chosen public_id needs overwrite=false.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = "application/json", schema = @Schema(implementation = WidgetRequestDoc.class),
					examples = @ExampleObject(name = "widget",
							value = "{\"paramsToSign\": {\"source\": \"uw\", \"timestamp\": 1764377000, "
									+ "\"folder\": \"signed_upload_demo_uw\", \"upload_preset\": \"avatars\"}}"))))
	@ApiResponse(responseCode = "200", description = "Signed", content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = WidgetSignatureResponse.class),
			examples = @ExampleObject("{\"signature\": \"5a0b3c2e0d7e0c9c5a7b6d4e1b8e5f1e0c5f0f9a\", "
					+ "\"api_key\": \"123456789012345\", \"cloud_name\": \"demo\", \"timestamp\": 1764377000}")))
	@ApiResponse(responseCode = "400", description = "Malformed body, refused parameters or stale timestamp",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Authenticated without the signing scope",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Body not JSON", content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "429",
			description = "A rate limit or quota is reached; see Retry-After, RateLimit-Policy and RateLimit",
			content = @Content(mediaType = PROBLEM))
	WidgetSignatureResponse signWidget(byte[] body, @Parameter(
			description = "The signing profile, when the body names none (next-cloudinary's signatureEndpoint can carry it)") @Nullable String profile,
			@Parameter(hidden = true) CallerClaim claim, @Parameter(hidden = true) HttpServletResponse response);

	// @formatter:off (spring-javaformat would write "( {" and "){" here, which checkstyle refuses)
	/**
	 * Request body of {@code POST /v1/signatures}.
	 *
	 * @param params upload parameters: strings, integers, booleans or arrays of strings
	 * @param resourceType image (default), video, raw or auto; picks upload_url
	 * @param profile the signing profile (default: the caller's default profile)
	 * @param explain ask for the string to sign, when the profile allows it
	 * @param tie how the upload is followed: context (default; Signet adds a signed
	 * context entry signet_upload_id, so post params as answered), public_id (the
	 * profile forces a unique public_id; Signet adds nothing) or none (Signet adds nothing
	 * and follows nothing; refused by profiles that check what arrives)
	 */
	@Schema(name = "SignatureRequest")
	record StampRequestDoc(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> params,
			@JsonProperty("resource_type") @Schema(allowableValues = { "image", "video", "raw", "auto" })
			String resourceType,
			String profile, boolean explain,
			@Schema(allowableValues = { "context", "public_id", "none" }) String tie) {

	}
	// @formatter:on

	/**
	 * Request body of {@code POST /v1/signatures/widget}.
	 *
	 * @param paramsToSign the widget's parameters, its timestamp included (also accepted
	 * as params_to_sign)
	 * @param profile the signing profile (default: the caller's default profile)
	 */
	@Schema(name = "WidgetSignatureRequest")
	record WidgetRequestDoc(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> paramsToSign,
			String profile) {

	}

}
