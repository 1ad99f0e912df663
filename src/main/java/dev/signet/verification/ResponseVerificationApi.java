package dev.signet.verification;

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
 * The OpenAPI description of API-response verification, kept apart from the controller.
 *
 * @author Signet developers
 */
@Tag(name = "verification", description = "Signatures returned by Cloudinary's upload API")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
interface ResponseVerificationApi {

	/**
	 * The media type of a problem response.
	 */
	String PROBLEM = "application/problem+json";

	@Operation(summary = "Verify the signature of an upload API response",
			description = "Cloudinary's upload response carries public_id, version and signature; the signature is "
					+ "SHA-1 (or SHA-256) of public_id=<id>&version=<v> plus the secret, always with signature "
					+ "version 1. Signet checks it against every key of the account, in constant time.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = RequestDoc.class),
							examples = @ExampleObject("{\"public_id\": \"sample\", \"version\": 1315060510, "
									+ "\"signature\": \"912d90b6fe28aa6820cf928bc440a65a0f36e002\"}"))))
	@ApiResponse(responseCode = "200", description = "The verdict",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ResponseVerification.class),
					examples = @ExampleObject("{\"valid\": true, \"reason\": \"valid\", "
							+ "\"account\": \"default\", \"api_key\": \"123456789012345\"}")))
	@ApiResponse(responseCode = "400", description = "Malformed body or unknown account",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "401", description = "Missing or wrong credentials",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "403", description = "Authenticated without the signing scope",
			content = @Content(mediaType = PROBLEM))
	@ApiResponse(responseCode = "415", description = "Body not JSON", content = @Content(mediaType = PROBLEM))
	ResponseVerification verify(byte @Nullable [] body, @Parameter(hidden = true) CallerClaim claim,
			@Parameter(hidden = true) HttpServletResponse response);

	/**
	 * Request body of {@code POST /v1/responses/verify}.
	 *
	 * @param publicId the public_id of the upload response (may be empty)
	 * @param version the version of the upload response, as a number or a string of
	 * digits
	 * @param signature the signature of the upload response
	 * @param account the Signet account (default: default)
	 */
	@Schema(name = "ResponseVerificationRequest")
	record RequestDoc(@com.fasterxml.jackson.annotation.JsonProperty("public_id") String publicId, Object version,
			String signature, @Nullable String account) {

	}

}
